# Sourced by ./mvnw and .ci/run: selects a JDK 21+ and exports JAVA_HOME.
# Keeps JAVA_HOME when it already points at JDK 21 or newer; otherwise picks the newest
# JDK 21+ installed under /usr/lib/jvm (Debian, Temurin packages) or /opt/java.
# Fails with a clear message when there is none.

custody_jdk_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
  [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  fi
}

custody_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    major=$(custody_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  best="" best_major=0
  set +f # the caller may have disabled globbing (mvnw runs with set -f)
  for candidate in /usr/lib/jvm/* /opt/java/*; do
    [ -d "$candidate" ] || continue
    [ -L "$candidate" ] && continue
    major=$(custody_jdk_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: Custody needs a JDK 21 or newer (25 recommended) and found none." >&2
    echo "       Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/* and /opt/java/*." >&2
    echo "       Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
