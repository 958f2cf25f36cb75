# Sourced by .ci/run: Debian's Chromium and its driver for the browser test of /docs (ops/DocsBrowserTest), which
# drives /usr/bin/chromium through /usr/bin/chromedriver and never downloads a browser or a driver itself.
ensure_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "ci: ${missing[*]} not installed; installing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  /usr/bin/chromedriver --version
}
