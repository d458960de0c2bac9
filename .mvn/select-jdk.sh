# Sourced by ./mvnw: makes sure Maven runs on a JDK >= 21 (the build targets release 21).
# Order: JAVA_HOME if it is already >= 21 -> `java` on PATH if >= 21 -> the newest JDK >= 21 found under
# /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman/candidates/java or ~/.jdks. Nothing found: leave things as they
# are, and the enforcer rule in pom.xml explains what is missing.
flashcastr_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
flashcastr_select_jdk() {
  min=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(flashcastr_java_major "$JAVA_HOME/bin/java")
    [ -n "$v" ] && [ "$v" -ge "$min" ] && return 0
  fi
  if [ -z "${JAVA_HOME-}" ] && command -v java >/dev/null 2>&1; then
    v=$(flashcastr_java_major java)
    [ -n "$v" ] && [ "$v" -ge "$min" ] && return 0
  fi
  best="" best_v=0
  set +f  # mvnw runs with -f (no globbing); the JDK search needs it
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$dir/bin/javac" ] || continue
    v=$(flashcastr_java_major "$dir/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$dir" best_v="$v"; fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME="$best"
    export JAVA_HOME
  fi
}
flashcastr_select_jdk
