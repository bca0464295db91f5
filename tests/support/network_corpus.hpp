// A generated corpus of shop sites with a known answer to "which sites are one network"
// (issue 20, quality measured): rogue-pharmacy networks that reuse tracking accounts, contacts
// and checkout endpoints, and the decoys that make linking hard — unrelated shops on one CDN,
// legitimate pharmacies with their own analytics (each linking to other pharmacies' group sites,
// which are not crawled), a hundred WordPress sites sharing a theme and its default IDs, shops
// that all link to one outside review site. Two networks share no identifier at all: one is
// held by its shops' links to one another, one by certificates naming several of its shops. Some
// networks rotate identifiers so that no single one spans the network and only a chain of shared
// ones holds it together. Contacts are written the way such shops write them: full-width digits,
// `name [at] host`, a full-width at sign, tel:/wa.me/t.me links.
//
// Deterministic: the same options give the same sites, byte for byte. Sites are plans (small),
// pages are rendered on demand, so 100,000 sites fit in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl::testing {

// Why a site is in the corpus.
enum class corpus_role {
  network_shop,         // one operation's shop: its network number is the ground truth
  cdn_shop,             // an unrelated small shop behind the same CDN and platform scripts
  legitimate_pharmacy,  // a licensed pharmacy with its own accounts and contacts
  wordpress_site,       // a blog or small business site on one popular theme, default IDs kept
};

std::string_view to_string(corpus_role role);

// What a page can reuse, as investigators name it.
enum class identifier_kind {
  google_analytics,  // UA-… or G-…
  tag_manager,       // GTM-…
  yandex_metrica,    // a counter number
  meta_pixel,        // a Meta (Facebook) pixel id
  adsense,           // ca-pub-…
  email,
  phone,  // E.164
  line,
  whatsapp,  // E.164 digits of the wa.me link
  telegram,
  skype,
  checkout_host,  // where the order form posts
  gateway_host,   // where the payment script comes from
};

std::string_view to_string(identifier_kind kind);

// One identifier as placed on a page: its canonical value (what an extractor should arrive at:
// an e-mail lower-cased, a phone in E.164) and whether the whole corpus shares it by design
// (a theme's default, a big payment gateway): such a value must never link sites.
struct placed_identifier {
  identifier_kind kind = identifier_kind::email;
  std::string value;
  bool shared_default = false;

  bool operator==(const placed_identifier&) const = default;
};

struct corpus_site {
  std::string host;  // a registrable domain, unique in the corpus
  corpus_role role = corpus_role::network_shop;
  int network = 0;       // 1.. for a network shop, 0 for every other site
  std::string language;  // "ja" or "en"
  int theme = 0;         // which markup skeleton: a network keeps one, every other shop has its own
  std::uint32_t variant = 0;  // how contacts are written and which products are listed
  std::vector<placed_identifier> identifiers;
  std::vector<std::string> sister_hosts;  // other shops of the network it links to
  // Registrable domains not in the corpus that the page links to (a review site, a partner's
  // group site): evidence of nothing, so they must link no two sites.
  std::vector<std::string> outside_links;
  // The DNS names of the certificate the site serves (served over HTTPS); empty: plain HTTP.
  std::vector<std::string> certificate_names;
};

struct corpus_options {
  std::uint64_t seed = 20;
  int networks = 14;
  int min_network_sites = 6;  // each network's size is drawn from this range
  int max_network_sites = 16;
  // Every third network rotates: no identifier is on all of its sites.
  int cdn_shops = 30;
  int legitimate_pharmacies = 30;
  int wordpress_sites = 100;
  // Two networks that share nothing but where they point: one chained by sister links ("our
  // other stores"), one by certificates naming several of its shops. Not scaled.
  int sister_network_sites = 8;
  int certificate_network_sites = 6;
  // Unrelated CDN shops that all link to one review site outside the corpus.
  int outside_link_shops = 8;
};

// The same proportions as the defaults for about `sites` sites (at least the defaults' count).
corpus_options scaled_options(int sites, std::uint64_t seed);

struct network_corpus {
  // The networks' shops, then the decoys, then the shops of the two networks held together by
  // sister links and certificates.
  std::vector<corpus_site> sites;
  int networks = 0;
};

network_corpus generate_network_corpus(const corpus_options& options);

// The site's home page: a complete UTF-8 HTML document.
std::string render_page(const corpus_site& site);

// The ground truth beside the corpus: "domain<TAB>network<TAB>role" per site, network "-" for
// none, with a header line.
std::string truth_tsv(const network_corpus& corpus);

}  // namespace geocrawl::testing
