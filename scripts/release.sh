#!/usr/bin/env bash
# `npm run release`: an offline install tarball, release/qingmiao-<version>.tar.gz, holding the compiled bot,
# the migrations, the production node_modules (no registry needed on the server), the service unit and docs.
# Built from the node_modules already installed here (pruned to production), so it needs no network either.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./package.json').version")
name="qingmiao-${version}"
npm run build --silent
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir="$stage/$name"
mkdir -p "$dir/scripts" "$dir/deploy" "$dir/docs"
cp -r dist drizzle package.json package-lock.json .env.example "$dir/"
cp scripts/start.mjs "$dir/scripts/"
cp deploy/qingmiao.service "$dir/deploy/"
cp docs/deploy.md "$dir/docs/"
# Hard links are enough: pruning only unlinks, the working copy keeps its files.
cp -al node_modules "$dir/node_modules"
(cd "$dir" && npm prune --omit=dev --no-audit --no-fund --ignore-scripts --offline >/dev/null)
find "$dir/node_modules" -type d -empty -delete
mkdir -p release
tar -C "$stage" -czf "release/${name}.tar.gz" "$name"
echo "release/${name}.tar.gz ($(du -h "release/${name}.tar.gz" | cut -f1))"
