#!/usr/bin/env bash
# Builds the engine, the scenario loader, the CLI and their tests a second time, in
# build-sanitize/, under AddressSanitizer and UndefinedBehaviorSanitizer (any undefined
# behaviour aborts), and runs those tests: no GUI. Sourced by test.sh after setup.sh; sets
# sanitize_status (0 when they pass, or when the compiler cannot sanitize here).
sanitize_dir="$repo_root/build-sanitize"
sanitize_status=0
probe_dir=$(mktemp -d)
echo 'int main() { return 0; }' >"$probe_dir/probe.cpp"
if clang++ -fsanitize=address,undefined "$probe_dir/probe.cpp" -o "$probe_dir/probe" \
  >/dev/null 2>&1 && "$probe_dir/probe"; then
  echo "Building the engine and its tests with AddressSanitizer and UBSan in $sanitize_dir"
  cmake -S "$repo_root" -B "$sanitize_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCLUSTERSCOPE_CORE_ONLY=ON -DCLUSTERSCOPE_SANITIZE=ON \
    -DCLUSTERSCOPE_BUILD_FUZZERS=OFF -DCLUSTERSCOPE_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$sanitize_dir" --parallel "$(nproc)"
  (cd "$sanitize_dir" &&
    ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --output-on-failure --parallel "$(nproc)" --timeout 900) || sanitize_status=$?
else
  echo "clang++ cannot build with -fsanitize=address,undefined here: the sanitizer run is skipped."
fi
rm -rf "$probe_dir"
