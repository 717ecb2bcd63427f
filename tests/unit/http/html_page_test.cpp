#include "http/html_page.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;

TEST_CASE("html_escape neutralises markup and attribute quotes") {
    CHECK(html_escape("<script>alert('x')</script> & \"q\"") ==
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    CHECK(html_escape("Zoë Софья 李") == "Zoë Софья 李");
}

TEST_CASE("html_page escapes every piece of text it is given") {
    const auto res = html_page(beast_http::status::bad_request, "<b>Title</b>", "Said: <img src=x onerror=alert(1)>",
                               "/login?x=\"><script>", "Try <again>");
    CHECK(res.result() == beast_http::status::bad_request);
    CHECK(std::string(res[beast_http::field::content_type]) == "text/html; charset=utf-8");
    const auto& body = res.body();
    CHECK(body.find("<img") == std::string::npos);
    CHECK(body.find("<script>") == std::string::npos);
    CHECK(body.find("<b>") == std::string::npos);
    CHECK(body.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(body.find("href=\"/login?x=&quot;&gt;&lt;script&gt;\"") != std::string::npos);
}
