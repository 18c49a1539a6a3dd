# Sourced by run.sh and test.sh: points JAVA_HOME at a JDK 21+ (the machine's default java may be older) and checks
# for the Node.js that builds the dashboard.
# From the JDK's release file: starting a JVM to ask would cost every ./run.sh 0.2-0.3 s (0.6 s for the three it took)
java_major() {
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$version" ] || version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case "$version" in 1.*) version=${version#1.} ;; esac
  echo "${version%%.*}"
}

# What identifies a JDK build, for caches made with it: its release file, or its own -version when it has none
java_identity() {
  cat "$1/release" 2>/dev/null || "$1/bin/java" -version 2>&1
}

pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: HomelabARR needs a JDK 21 or newer. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
  return 1
}

require_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "error: Maven (mvn) is not installed. Install it with: apt-get install maven" >&2
  return 1
}

# The Maven build builds the dashboard with the machine's Node.js and npm (it downloads neither).
require_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: building the dashboard needs Node.js 20.19+ and npm on the PATH (or build without it: mvn -DskipDashboard)" >&2
    return 1
  fi
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
    echo "error: the dashboard needs Node.js 20.19 or newer, found $(node --version)" >&2
    return 1
  }
}
