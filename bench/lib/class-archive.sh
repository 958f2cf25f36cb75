# The jar's class archive (README, "Start-up"), for run.sh and ops/rolling-restart.sh. Sourced, not run.

# class_archive_flag ROOT JAR LOG: makes JAR's archive (beside it, .jsa) with the warm-up command when it is
# missing or older than JAR, on the database PGDATABASE names (migrated, so that the warm-up walks the key lookup
# too), and prints the JVM flag that uses it; prints nothing when it cannot be made (the JVM then starts without).
class_archive_flag() {
  local root=$1 jar=$2 log=$3 archive=${2%.jar}.jsa
  if [[ ! -f $archive || $archive -ot $jar ]]; then
    rm -f "$archive"
    if ! (cd "$root" && java @conf/jvm.options -XX:ArchiveClassesAtExit="$archive" -jar "$jar" warm-up) >"$log" 2>&1; then
      rm -f "$archive"
      return 0
    fi
  fi
  [[ -f $archive ]] && echo "-XX:SharedArchiveFile=$archive"
}
