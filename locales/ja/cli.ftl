# コマンドと報告の文言（日本語）。`id = 文` の形で、`{ $name }` に値が入ります。
# id は en/cli.ftl と同じにしてください。

severity-error = エラー
severity-warning = 警告
errors-found = { $count }件のエラーがあります
errors-and-warnings-found = { $count }件のエラーがあります（警告 { $warnings }件）
