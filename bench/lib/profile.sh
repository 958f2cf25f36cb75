# The --profile option of run.sh: async-profiler (tools.profiler:async-profiler from Maven Central) attached to the
# running service for most of one wrk run, then the CPU per request split by layer. Sourced, not run.

# The agent library, fetched into the local Maven repository once and unpacked beside it.
profiler_library() {
  local version=4.2 dir="$HOME/.m2/repository/tools/profiler/async-profiler/4.2" lib
  lib="$dir/linux-x64/libasyncProfiler.so"
  if [[ ! -f $lib ]]; then
    mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$version" >/dev/null 2>&1 || return 1
    (cd "$dir" && unzip -q -o "async-profiler-$version.jar" 'linux-x64/*') || return 1
  fi
  echo "$lib"
}

# profile_start PID SECONDS OUT: samples CPU (every 1 ms, per thread) from 2 s into the run until 2 s before its end,
# written as collapsed stacks to OUT.collapsed.
profile_start() {
  local pid=$1 secs=$2 out=$3 lib
  lib=$(profiler_library) || { note "warning: async-profiler is not available: no profile"; return 0; }
  (
    sleep 2
    # jcmd reads name=value pairs out of its arguments: the options go quoted, as one value.
    jcmd "$pid" JVMTI.agent_load "$lib" "\"start,event=cpu,interval=1ms,threads,timeout=$((secs - 4)),file=$out.collapsed,collapsed\"" \
      >"$out.attach.log" 2>&1
  ) &
}

# profile_report OUT US_PER_REQUEST WHAT: the layer table of OUT.collapsed, scaled to the measured CPU per request.
profile_report() {
  local out=$1 us=$2 what=$3
  for _ in $(seq 1 20); do [[ -s $out.collapsed ]] && break; sleep 0.5; done
  if [[ ! -s $out.collapsed ]]; then
    note "warning: no profile was written for $what (see $out.attach.log)"
    return 0
  fi
  python3 "$BENCH_DIR/lib/layers.py" "$out.collapsed" "$us" "$what" | tee "$out.layers.txt" | tee -a "$SUMMARY"
}
