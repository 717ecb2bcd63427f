#include "profiledesk/core/device_label.hpp"

#include <catch2/catch.hpp>

using profiledesk::core::device_label;

// Real User-Agent strings of current browsers (as each sends them).
TEST_CASE("device label: browser and system of common User-Agents", "[device_label]") {
    CHECK(device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0.0.0 Safari/537.36") == "Chrome on Windows");
    CHECK(device_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                       "Gecko) Version/17.1 Mobile/15E148 Safari/604.1") == "Safari on iPhone");
    CHECK(device_label("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0") == "Firefox on Linux");
    CHECK(device_label("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                       "Version/17.1 Safari/605.1.15") == "Safari on macOS");
    CHECK(device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91") == "Edge on Windows");
    CHECK(device_label("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0.0.0 Mobile Safari/537.36") == "Chrome on Android");
    CHECK(device_label("Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36") == "Samsung Internet on Android");
    CHECK(device_label("Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                       "CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1") == "Chrome on iPad");
    CHECK(device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0") == "Opera on Windows");
    CHECK(device_label("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0.0.0 Safari/537.36") == "Chrome on ChromeOS");
}

TEST_CASE("device label: what is not known is said so", "[device_label]") {
    CHECK(device_label("") == "Unknown device");
    CHECK(device_label("node") == "Unknown device");
    CHECK(device_label("curl/8.4.0") == "Unknown device");
    CHECK(device_label("Mozilla/5.0 (X11; Linux x86_64) SomeKiosk/1.0") == "A browser on Linux");
    CHECK(device_label("Firefox/121.0") == "Firefox");
}
