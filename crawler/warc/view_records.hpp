#pragma once
// The WARC records of one view, in the order they are written:
//   per hop       request ◄─WARC-Concurrent-To─► response   (the bytes as sent and received)
//   per view      metadata   vantage, proxy name, verified exit, the verdict and its reasons
//                 resource   the final hop's TLS certificate chain (PEM), when it had one
//   rendered view conversion the DOM as the vantage's browser left it ─WARC-Refers-To─► the
//                            final response (when there is one), metadata lines on the render
//                 resource   its screenshot (PNG) ─WARC-Concurrent-To─► the conversion
// Page data reaches the record headers only as a target URI, which serialize() checks; in the
// metadata block it goes through warc_field_text.
#include <optional>
#include <vector>

#include "crawler/verdict/cloaking_verdict.hpp"
#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"
#include "crawler/warc/warc_record.hpp"

namespace geocrawl {

// `compared`: this view's comparison with the baseline, none for the baseline itself.
// `site_verdict`: the site's verdict, none when nothing was compared.
std::vector<warc_record> view_records(const view& seen, const comparison* compared,
                                      const std::optional<cloaking_verdict>& site_verdict);

// The target URI of a certificate-chain record: not the page's URL, so that a replay tool,
// which serves resource records by their URI, never serves the PEM in place of the page.
std::string certificate_chain_uri(const std::string& final_url);

// The target URI of a rendered view's screenshot record, for the same reason.
std::string screenshot_uri(const std::string& rendered_url);

}  // namespace geocrawl
