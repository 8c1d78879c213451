# The JIT compilers for one run of the mlstages jar: sourced by ./mlstages and the benchmarks, not run by itself.
#
# HotSpot compiles hot methods twice: quickly (C1), then again with full optimisation (C2). C2's work pays back on
# long scans, but a command over small files ends before it does: on 100,000 rows x 20 columns, `train` took 4.3 s
# of processor time with both compilers and 3.2 s with C1 alone, `validate` 2.5 s and 1.6 s, and a drift check of
# two 18 MB files 2.9 s and 2.1 s, shorter in wall time too. Past about 150 MB of input C2 wins (a drift check of
# 1M rows: 5.8 s with both, 8.3 s with C1 alone). So C1 alone is chosen when the local files and folders the
# arguments name are under MLSTAGES_JIT_LIMIT bytes in all (64 MiB by default, below the break-even point), and
# nothing names a remote location (its size is unknown) or the long-running `serve`. Figures: bench/README.md.
# MLSTAGES_JIT=c1 or MLSTAGES_JIT=tiered overrides the choice; MLSTAGES_JAVA_OPTS come later and win anyway.

# mlstages_jit_options ARG... -> the JIT options (one per line) for a run with these command-line arguments
mlstages_jit_options() {
  case "${MLSTAGES_JIT:-auto}" in
    c1) echo "-XX:TieredStopAtLevel=1"; return 0 ;;
    auto) ;;
    *) return 0 ;;
  esac
  local limit="${MLSTAGES_JIT_LIMIT:-67108864}" total=0 arg path size
  [[ "$limit" =~ ^[0-9]{1,18}$ ]] || return 0
  for arg in "$@"; do
    path="$arg"
    # the value of --option=value
    [[ "$arg" == -*=* ]] && path="${arg#*=}"
    case "$path" in
      serve | *://*) return 0 ;;
    esac
    size=0
    if [ -f "$path" ]; then
      size="$(wc -c < "$path" 2>/dev/null | tr -d ' ')" || return 0
    elif [ -d "$path" ]; then
      size="$(du -sk "$path" 2>/dev/null | cut -f1)" || return 0
      size=$((size * 1024))
    fi
    [[ "$size" =~ ^[0-9]+$ ]] || return 0
    total=$((total + size))
    (( total < limit )) || return 0
  done
  echo "-XX:TieredStopAtLevel=1"
}
