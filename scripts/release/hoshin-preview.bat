@echo off
REM hoshin-preview.bat: double-click preview of a hoshin site for Windows users.
REM
REM Which site folder is previewed:
REM   1. the folder dropped onto this file (or the folder of a dropped hoshin.yaml);
REM   2. else the current folder, if it holds hoshin.yaml (a double-click starts in
REM      this file's folder; a command prompt starts wherever it is);
REM   3. else the folder "site" next to this file, offering to create it with
REM      "hoshin init" if it does not exist yet.
REM Then it runs "hoshin.exe serve --root <site>" (hoshin.exe must be next to this
REM file) and opens http://127.0.0.1:8000/ in the default browser a few seconds
REM later, as "hoshin serve" does not open a browser itself.
REM
REM Kept in git with LF line endings and without a BOM; the release script converts it
REM to CRLF. Commands stay ASCII; the Japanese texts are UTF-8, hence chcp 65001 first.
REM Every path is used inside double quotes, so that spaces, parentheses, "&" and
REM Japanese characters in folder names do no harm. A path passed to hoshin.exe never
REM ends in a backslash (a trailing \" would escape the closing quote).

chcp 65001 >nul
setlocal
title hoshin プレビュー

set "HOSHIN=%~dp0hoshin.exe"
set "URL=http://127.0.0.1:8000/"

if exist "%HOSHIN%" goto :find_site
echo.
echo hoshin.exe が見つかりません。
echo この .bat ファイルと同じフォルダーに hoshin.exe を置いてください。
echo （zip の中から直接開いたときは、先に zip を「すべて展開」してください。）
echo   探した場所: "%HOSHIN%"
goto :fail

:find_site
REM 1. Something was dropped onto the .bat (or given on the command line).
if "%~1"=="" goto :try_current
if exist "%~f1\hoshin.yaml" (
    set "SITE=%~f1"
    goto :serve
)
if /i "%~nx1"=="hoshin.yaml" (
    set "SITE=%~dp1."
    goto :serve
)
echo.
echo 指定されたものは hoshin のサイトのフォルダーではありません:
echo   "%~f1"
echo サイトのフォルダーは hoshin.yaml と content フォルダーがあるフォルダーです。
echo そのフォルダーを、この .bat ファイルの上にドラッグしてください。
echo （部長の通知文書からサイトを作る方法は、はじめに.txt にあります。）
goto :fail

:try_current
REM 2. The current folder is a site.
if exist "%CD%\hoshin.yaml" (
    set "SITE=%CD%"
    goto :serve
)

REM 3. The folder "site" next to the .bat.
set "SITE=%~dp0site"
if exist "%SITE%\hoshin.yaml" goto :serve
if not exist "%SITE%\" goto :offer_init
REM An empty "site" folder (e.g. left by a failed init) is offered init too.
dir /b /a "%SITE%" 2>nul | findstr "^" >nul
if errorlevel 1 goto :offer_init
goto :not_a_site

:offer_init
echo.
echo プレビューするサイトが見つかりません。
echo この .bat ファイルの隣に、新しいサイトのフォルダー site を作りますか?
echo （見本の通知・章・方針が入ったフォルダーができます。後で書き換えて使います。）
echo   作る場所: "%SITE%"
echo.
choice /c YN /m "作る場合は Y、やめる場合は N を押してください"
if errorlevel 2 goto :cancelled
if not exist "%SITE%\" mkdir "%SITE%"
"%HOSHIN%" init "%SITE%"
if errorlevel 1 goto :init_failed
if not exist "%SITE%\hoshin.yaml" goto :init_failed
goto :serve

:not_a_site
echo.
echo フォルダー site はありますが、hoshin.yaml がありません:
echo   "%SITE%"
echo 中身を確かめてください。別のサイトをプレビューするときは、
echo そのフォルダーをこの .bat ファイルの上にドラッグしてください。
goto :fail

:init_failed
echo.
echo サイトのフォルダーを作れませんでした。上のメッセージを確かめてください。
goto :fail

:cancelled
echo.
echo やめました。サイトのフォルダーを、この .bat ファイルの上にドラッグして
echo 開くこともできます。
goto :fail

:serve
REM Full path without "\." or "..", and never ending in a backslash (a drive's root
REM gets "\." appended).
for %%I in ("%SITE%\.") do set "SITE=%%~fI"
if "%SITE:~-1%"=="\" set "SITE=%SITE%."

echo.
echo サイトのフォルダー: "%SITE%"
echo プレビューを %URL% で表示します。
echo ファイルを保存するたびにサイトが作り直され、ブラウザーの表示も新しくなります。
echo 終えるときは、この画面で Ctrl+C を押すか、この画面を閉じてください。
echo （ブラウザーに「接続できません」と出たときは、少し待ってから F5 で再読み込みしてください。）
echo.

REM Open the browser after a short wait, in a separate minimised window, so that the
REM server is listening by then. The outer quotes of "cmd /c" keep ">nul" and "&&"
REM away from this script.
start "" /min cmd /c "timeout /t 3 /nobreak >nul && start "" %URL%"

"%HOSHIN%" serve --root "%SITE%"
if errorlevel 1 goto :serve_failed
goto :end

:serve_failed
echo.
echo プレビューが止まりました。上のメッセージを確かめてください。
echo よくある原因:
echo   - もう一つのプレビューが開いている（ポート 8000 を使っている）。
echo     前に開いたプレビューの画面を閉じてから、もう一度開いてください。
echo   - サイトのフォルダーの場所が変わった、または消えた。
echo 分からないときは、この画面の内容を情報システム担当に見せてください。
goto :fail

:fail
echo.
pause
endlocal
exit /b 1

:end
endlocal
exit /b 0
