#pragma once
// What a view shows, reduced to what the comparison looks at (whether it got a page, access,
// where it ended, what it offers, its state, its text), and the words an analyst reads for it.
// Shared by the served comparison (compare.cpp) and the rendered one (script_changes.cpp).
#include <set>
#include <string>
#include <vector>

#include "crawler/verdict/page_state.hpp"
#include "crawler/verdict/page_texts.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

enum class page_access { ok, blocked, client_error, server_error, other };

page_access access_of(int status);

// Where a URL leads, as an analyst names a site: the host's registrable domain (so
// www.shop.example and shop.example are one site, and shop.example.co.jp is not co.jp),
// and the port when one is written (another port is another origin).
std::string site_of(const std::string& url);

// "a", "a and b", "a, b and c".
std::string join_names(const std::vector<std::string>& names);

struct page_features {
  bool failed = false;
  std::string failure;  // when failed: "timed out while connecting (after 5 s)"
  // A rendered page read in full despite its render error (render_targets: it asked for too
  // many windows): compared all the same, with why it is noted.
  std::string read_despite;
  int status = 0;
  std::string site;                       // of the final URL (site_of)
  std::set<std::string> offsite_scripts;  // sites of literal script redirects off the final one
  std::set<std::string> drugs;
  bool no_rx = false;
  bool commerce = false;  // shop signals or a checkout form
  page_state state = page_state::none;
  const std::string* text = nullptr;  // title and visible text, kept in the site's page_texts

  bool offers() const { return !drugs.empty() || no_rx; }
};

// The served view's features; its text is kept in `texts`, which must outlive them.
page_features features_of(const view& record, page_texts& texts);

// The rendered page's features: a page that rendered without an error is a page (status 200 in
// access terms, whatever the server answered first), and so is one whose only fault was asking
// for too many windows (read in full: a cloaker must not hide its shop by calling window.open);
// one that failed otherwise is failed, with why.
page_features rendered_features_of(const rendered_page& page, page_texts& texts);

// A page that answered 2xx as an analyst would call it: "a shop offering sildenafil and
// tadalafil without prescription", "a page naming sildenafil", "an under-construction page".
std::string describe(const page_features& side);

// What one side got, with its name: "jp sees a parked page", "jp is refused (HTTP 403)".
std::string what_gets(const std::string& name, const page_features& side);

}  // namespace geocrawl
