#include "crawler/report/report_page.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>

#include "crawler/report/html_escape.hpp"

namespace geocrawl {

namespace {

// Plain and compact; long untrusted words (URLs, hashes) wrap rather than widen the page.
constexpr std::string_view report_style = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
td, pre, code { overflow-wrap: anywhere; }
.vantages td { min-width: 16em; max-width: 40em; }
mark { background: #ffe066; }
del { background: #ffd6d6; }
ins { background: #d6ffd6; text-decoration: none; }
.note { color: #666; font-style: italic; }
.verdict-cloaked { color: #b00020; font-weight: bold; }
pre.complaint { background: #f6f6f6; padding: 1em; white-space: pre-wrap; user-select: all; }
.registrar { white-space: pre-line; }
.diff { white-space: pre-wrap; font-family: monospace; }
img.screenshot { max-width: 100%; border: 1px solid #ccc; }
th button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; }
)css";

// "'sha256-<base64>'", the CSP source that allows exactly this inline block.
std::string csp_hash_source(std::string_view block) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(block.data()), block.size(), digest.data());
  std::array<unsigned char, 4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1> base64{};
  auto length = EVP_EncodeBlock(base64.data(), digest.data(), SHA256_DIGEST_LENGTH);
  return "'sha256-" + std::string(reinterpret_cast<const char*>(base64.data()), length) + "'";
}

std::string content_security_policy(std::string_view script) {
  auto script_source = script.empty() ? std::string("'none'") : csp_hash_source(script);
  return "default-src 'none'; img-src 'self'; style-src " + csp_hash_source(report_style) +
         "; script-src " + script_source + "; base-uri 'none'; form-action 'none'";
}

}  // namespace

std::string page_start(std::string_view title, std::string_view script) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
          html_attribute(content_security_policy(script)) + "\">\n";
  html += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  html += "<title>" + html_text_bounded(title, 200) + "</title>\n";
  html += "<style>";
  html += report_style;
  html += "</style>\n</head>\n<body>\n";
  return html;
}

std::string page_end(std::string_view script) {
  std::string html;
  if (!script.empty()) {
    html += "<script>";
    html += script;
    html += "</script>\n";
  }
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace geocrawl
