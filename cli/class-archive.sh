# Class-data sharing for the mlstages jar: sourced by ./mlstages and the benchmarks, not run by itself.
#
# A JVM that maps an archive of the classes a command loads starts them already parsed and verified: about
# 0.5 s less processor time per run (bench/README.md). Two kinds, by the java that runs:
# - Java 25 and later: an ahead-of-time cache (-XX:AOTCache, JEPs 483 and 515), which also holds the classes
#   linked, the lambdas resolved and the method profiles of the training run, so the JIT compiles the hot
#   methods sooner;
# - Java 17 to 24: a static AppCDS archive (-XX:SharedArchiveFile) from the list of classes a run loaded.
# The archive belongs to one jar and one java: its name carries a key of both (size and time of the jar, path and
# time of java), so a rebuilt jar or another JDK gets a new one, and the JVM itself refuses a stale archive
# (silently, with the -Xlog options below) and runs without it. The archive is made by a separate, throwaway run
# of a small drift check, never by the user's command: a JVM that fails to write an archive exits with 1, which
# must not pass for "drift found". MLSTAGES_CDS=off turns it all off.

# mlstages_java_feature JAVA -> the java's feature version (17, 21, 25...), 0 when it cannot be told
mlstages_java_feature() {
  local java_bin home version=""
  java_bin="$(command -v "$1" 2>/dev/null || true)"
  java_bin="$(readlink -f "$java_bin" 2>/dev/null || echo "$1")"
  home="$(dirname "$(dirname "$java_bin")")"
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [ -z "$version" ]; then
    version="$("$java_bin" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)"
  fi
  echo "${version:-0}"
}

# mlstages_cds_archive JAVA JAR -> the archive's path for this jar and java (whether it exists or not)
mlstages_cds_archive() {
  local java_bin jar key
  java_bin="$(command -v "$1" 2>/dev/null || true)"
  java_bin="$(readlink -f "$java_bin" 2>/dev/null || echo "$1")"
  jar="$2"
  key="$( { stat -c '%s %Y' "$jar" "$java_bin" 2>/dev/null; echo "$java_bin"; } | cksum | cut -d' ' -f1)"
  if [ "$(mlstages_java_feature "$java_bin")" -ge 25 ]; then
    echo "${jar%.jar}-aot-$key.aot"
  else
    echo "${jar%.jar}-cds-$key.jsa"
  fi
}

# mlstages_cds_create JAVA JAR ARCHIVE [JVM_OPTION...] -> creates ARCHIVE; status 0 when it exists after
mlstages_cds_create() {
  local java_bin="$1" jar="$2" archive="$3"; shift 3
  local dir lock work tmp old
  dir="$(dirname "$archive")"
  [ -w "$dir" ] || return 1
  lock="$archive.lock"
  # one creator at a time; a lock older than 10 minutes was left by a killed creator
  find "$lock" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$lock" 2>/dev/null || return 1
  work="$(mktemp -d 2>/dev/null)" || { rmdir "$lock"; return 1; }
  tmp="$archive.tmp.$$"
  # 20,000 rows: enough for the training run's method profiles to show the loops that are hot on real files
  awk 'BEGIN {
    print "amount,score,count,plan,region"
    for (i = 0; i < 20000; i++) printf "%d.%d,%d.25,%d,plan_%d,\"r %d\"\n", i * 7 % 101, i % 10, i % 13, i % 9, i % 3, i % 5
  }' > "$work/reference.csv"
  sed 's/plan_0/plan_1/' "$work/reference.csv" > "$work/current.csv"
  local check=(drift --reference "$work/reference.json" --current "$work/current.csv" --json "$work/drift.json")
  if "$java_bin" "$@" -jar "$jar" profile "$work/reference.csv" -o "$work/reference.json" >/dev/null 2>&1; then
    case "$archive" in
      *.aot)
        # one run that trains and then writes the cache (JDK 25's -XX:AOTCacheOutput)
        "$java_bin" "$@" -XX:AOTCacheOutput="$tmp" -Xlog:aot=off -Xlog:cds=off -jar "$jar" "${check[@]}" \
          >/dev/null 2>&1 || true
        ;;
      *)
        # A static archive from the list of classes the run loaded. The list names some lambda proxies twice (two
        # call sites of one method reference), and OpenJDK 17.0.15's dump crashes on a repeated one (SIGSEGV in
        # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary): each line once. Should a JDK still fail
        # on the proxies, the archive is made without them (lambdas are then spun at run time).
        if "$java_bin" "$@" -XX:DumpLoadedClassList="$work/classes.all" -jar "$jar" "${check[@]}" >/dev/null 2>&1
            [ -s "$work/classes.all" ]; then
          awk '!seen[$0]++' "$work/classes.all" > "$work/classes.list"
          if ! "$java_bin" "$@" -Xshare:dump -XX:SharedClassListFile="$work/classes.list" \
              -XX:SharedArchiveFile="$tmp" -XX:ErrorFile="$work/hs_err_%p.log" -Xlog:cds=off -cp "$jar" \
              >/dev/null 2>&1; then
            rm -f "$tmp"
            grep -v '^@lambda-proxy' "$work/classes.list" > "$work/classes.plain" || true
            "$java_bin" "$@" -Xshare:dump -XX:SharedClassListFile="$work/classes.plain" \
              -XX:SharedArchiveFile="$tmp" -XX:ErrorFile="$work/hs_err_%p.log" -Xlog:cds=off -cp "$jar" \
              >/dev/null 2>&1 || true
          fi
        fi
        ;;
    esac
    # keep it only if a JVM that insists on it starts with it
    local insist=()
    while IFS= read -r old; do insist+=("$old"); done < <(mlstages_cds_insist "$tmp")
    if [ -s "$tmp" ] && "$java_bin" "$@" "${insist[@]}" -jar "$jar" --version >/dev/null 2>&1; then
      mv -f "$tmp" "$archive"
      # archives of the same kind for earlier builds of this jar or other javas (one of each kind stays, so that
      # switching between a Java 17 and a Java 25 does not remake them every time)
      local kind=cds
      [ "${archive##*.}" = aot ] && kind=aot
      for old in "${jar%.jar}-$kind-"*."${archive##*.}"; do
        [ "$old" = "$archive" ] || rm -f "$old"
      done
    fi
  fi
  rm -rf "$work" "$tmp"
  rmdir "$lock" 2>/dev/null || true
  [ -f "$archive" ]
}

# mlstages_cds_insist ARCHIVE -> options under which a JVM refuses to start without the archive (one per line)
mlstages_cds_insist() {
  case "$1" in
    *.aot) printf '%s\n' "-XX:AOTCache=$1" -XX:AOTMode=on -Xlog:aot=off -Xlog:cds=off ;;
    *) printf '%s\n' "-XX:SharedArchiveFile=$1" -Xshare:on -Xlog:cds=off -Xlog:cds+dynamic=off ;;
  esac
}

# mlstages_cds_options JAVA JAR -> the options that use the archive (one per line), nothing when there is none
mlstages_cds_options() {
  [ "${MLSTAGES_CDS:-on}" = off ] && return 0
  local archive
  archive="$(mlstages_cds_archive "$1" "$2")"
  if [ -f "$archive" ]; then
    case "$archive" in
      *.aot) printf '%s\n' "-XX:AOTCache=$archive" -Xlog:aot=off -Xlog:cds=off ;;
      *) printf '%s\n' "-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off ;;
    esac
  fi
}
