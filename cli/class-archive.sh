# Class-data sharing (AppCDS) for the mlstages jar: sourced by ./mlstages and bench/drift, not run by itself.
#
# A JVM that maps an archive of the classes a command loads starts them already parsed and verified: about
# 0.5 s less processor time per run (bench/README.md). The archive belongs to one
# jar and one java: its name carries a key of both (size and time of the jar, path and time of java), so a
# rebuilt jar or another JDK gets a new one, and the JVM itself refuses a stale archive (silently, with the
# -Xlog options below) and runs without it. The archive is made by a separate, throwaway run of a small drift
# check, never by the user's command: a JVM that fails to write an archive exits with 1, which must not pass
# for "drift found". MLSTAGES_CDS=off turns it all off.

# mlstages_cds_archive JAVA JAR -> the archive's path for this jar and java (whether it exists or not)
mlstages_cds_archive() {
  local java_bin jar key
  java_bin="$(command -v "$1" 2>/dev/null || true)"
  java_bin="$(readlink -f "$java_bin" 2>/dev/null || echo "$1")"
  jar="$2"
  key="$( { stat -c '%s %Y' "$jar" "$java_bin" 2>/dev/null; echo "$java_bin"; } | cksum | cut -d' ' -f1)"
  echo "${jar%.jar}-cds-$key.jsa"
}

# mlstages_cds_create JAVA JAR ARCHIVE [JVM_OPTION...] -> creates ARCHIVE; status 0 when it exists after
mlstages_cds_create() {
  local java_bin="$1" jar="$2" archive="$3"; shift 3
  local dir lock work tmp i
  dir="$(dirname "$archive")"
  [ -w "$dir" ] || return 1
  lock="$archive.lock"
  # one creator at a time; a lock older than 10 minutes was left by a killed creator
  find "$lock" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$lock" 2>/dev/null || return 1
  work="$(mktemp -d 2>/dev/null)" || { rmdir "$lock"; return 1; }
  tmp="$archive.tmp.$$"
  {
    echo 'amount,score,count,plan,region'
    for ((i = 0; i < 300; i++)); do
      echo "$((i * 7 % 101)).$((i % 10)),$((i % 13)).25,$((i % 9)),plan_$((i % 3)),\"r $((i % 5))\""
    done
  } > "$work/reference.csv"
  sed 's/plan_0/plan_1/' "$work/reference.csv" > "$work/current.csv"
  if "$java_bin" "$@" -jar "$jar" profile "$work/reference.csv" -o "$work/reference.json" >/dev/null 2>&1; then
    # A static archive from the list of classes the run loaded. Not the dynamic archive (-XX:ArchiveClassesAtExit)
    # and not the lambda proxies of the list: OpenJDK 17.0.15's dump crashes on those (SIGSEGV in
    # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), so lambdas are still spun at run time.
    if "$java_bin" "$@" -XX:DumpLoadedClassList="$work/classes.all" -jar "$jar" drift \
        --reference "$work/reference.json" --current "$work/current.csv" --json "$work/drift.json" >/dev/null 2>&1
        [ -s "$work/classes.all" ]; then
      grep -v '^@lambda-proxy' "$work/classes.all" > "$work/classes.list" || true
      "$java_bin" "$@" -Xshare:dump -XX:SharedClassListFile="$work/classes.list" -XX:SharedArchiveFile="$tmp" \
        -XX:ErrorFile="$work/hs_err_%p.log" -Xlog:cds=off -cp "$jar" >/dev/null 2>&1 || true
    fi
    # keep it only if a JVM that insists on it (-Xshare:on) starts with it
    if [ -s "$tmp" ] && "$java_bin" "$@" -XX:SharedArchiveFile="$tmp" -Xshare:on -Xlog:cds=off \
        -Xlog:cds+dynamic=off -jar "$jar" --version >/dev/null 2>&1; then
      mv -f "$tmp" "$archive"
      # archives of earlier builds of this jar
      for old in "${archive%-cds-*}"-cds-*.jsa; do
        [ "$old" = "$archive" ] || rm -f "$old"
      done
    fi
  fi
  rm -rf "$work" "$tmp"
  rmdir "$lock" 2>/dev/null || true
  [ -f "$archive" ]
}

# mlstages_cds_options JAVA JAR -> the options that use the archive (one per line), nothing when there is none
mlstages_cds_options() {
  [ "${MLSTAGES_CDS:-on}" = off ] && return 0
  local archive
  archive="$(mlstages_cds_archive "$1" "$2")"
  if [ -f "$archive" ]; then
    printf '%s\n' "-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off
  fi
}
