#!/usr/bin/env bash
# Builds the libFuzzer targets (the "fuzz" preset: clang-14, ASan + UBSan, every library compiled
# with coverage instrumentation) and runs fuzz/request_fuzzer.cpp — raw HTTP request bytes through
# the real route table — for SECONDS (default 20), then fuzz/photo_fuzzer.cpp — uploaded photo
# bytes through the EXIF reader and the re-encoder — for half as long.
#
#   scripts/fuzz.sh          # 20 s (what a test run can afford)
#   scripts/fuzz.sh 600      # ten minutes
#
# The seed corpus is fuzz/corpus/ (python3 fuzz/make_corpus.py writes it); what the fuzzer finds
# beyond it accumulates in build/fuzz/corpus/ (photos: build/fuzz/photo-corpus/, seeded with
# fuzz/photo-corpus/) across runs. A crash, a leak or a broken invariant
# stops the run with a non-zero exit and leaves the input in build/fuzz/artifacts/; replay it with
#   build/fuzz/fuzz/request_fuzzer build/fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

start=$(date +%s)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
echo "fuzz: build took $(( $(date +%s) - start )) s"

mkdir -p build/fuzz/corpus build/fuzz/artifacts
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp
build/fuzz/fuzz/request_fuzzer build/fuzz/corpus fuzz/corpus \
  -dict=fuzz/request.dict -max_len=8192 -timeout=30 -rss_limit_mb=4096 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=build/fuzz/artifacts/
mkdir -p build/fuzz/photo-corpus
build/fuzz/fuzz/photo_fuzzer build/fuzz/photo-corpus fuzz/photo-corpus \
  -max_len=65536 -timeout=30 -rss_limit_mb=4096 \
  -max_total_time="$(( (seconds + 1) / 2 ))" -print_final_stats=1 -artifact_prefix=build/fuzz/artifacts/photo-
