#!/usr/bin/env bash
# Makes a site with two editions from the bundled one, for the browser tests:
#
#   scripts/edition-fixture.sh DEST
#
# DEST gets hoshin.yaml, content/ and themes/ of the bundled site (the 令和8年度
# edition) and editions/2025/content/, a 令和7年度 edition that differs from it in one
# of each kind of amendment: a sentence, a directive added and one removed, one
# renumbered, a テーマ, a sub-item and a caption. hoshin.yaml lists editions/2025.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dest=${1:?usage: scripts/edition-fixture.sh DEST}
mkdir -p "$dest"
cp -R hoshin.yaml content themes "$dest"/
old="$dest/editions/2025/content"
mkdir -p "$old"
cp -R content/. "$old"/
sed -i -e 's/^title: 令和8年度市民部の運営方針$/title: 令和7年度市民部の運営方針/' \
  -e 's/^fiscal_year: 2026$/fiscal_year: 2025/' -e 's/^issued: 2026-04-01$/issued: 2025-04-01/' \
  "$old/_index.md"
sed -i 's/適正な手続と事業運営/適切な手続及び事業運営/' "$old/3/3-2.md"          # a sentence
rm "$old/1/1-3.md"                                                            # 1(3) is new in 令和8年度
sed -i 's/^number: 3$/number: 4/' "$old/4/4-3.md"                             # renumbered 4(4) → 4(3)
cat >"$old/4/4-kyu.md" <<'MD'
---
id: "4-kyu"
chapter: 4
number: 3
title: 旧年度の研修計画
themes: [hr]
references: []
related: []
---
①職員研修の年間計画を策定すること。
MD
sed -i 's/^themes: \[organization, bpr, service\]$/themes: [organization, digital, service]/' "$old/1/1-1.md"  # a テーマ
printf '\n③窓口のキャッシュレス決済を検討すること。\n' >>"$old/1/1-2.md"           # a sub-item
sed -i 's/^title: ビジョン前期実行計画の着実な推進$/title: ビジョン実行計画の着実な推進/' "$old/2/2-1.md"  # a caption
printf 'editions:\n  - editions/2025\n' >>"$dest/hoshin.yaml"
