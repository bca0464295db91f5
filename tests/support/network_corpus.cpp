#include "tests/support/network_corpus.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <stdexcept>
#include <unordered_set>

namespace geocrawl::testing {

namespace {

using namespace std::string_view_literals;

// Drawn by hand from the generator's raw output rather than through std distributions, whose
// results the standard leaves to each library: the corpus must not change with the toolchain.
class dice {
 public:
  explicit dice(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  int between(int low, int high) { return low + static_cast<int>(below(high - low + 1)); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& from) {
    return from[below(N)];
  }
  std::string digits(int count) {
    std::string text(1, static_cast<char>('1' + below(9)));
    while (static_cast<int>(text.size()) < count) text += static_cast<char>('0' + below(10));
    return text;
  }
  std::string alnum(int count) {
    static constexpr std::string_view symbols = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string text;
    while (static_cast<int>(text.size()) < count) text += symbols[below(symbols.size())];
    return text;
  }
  std::string lower(int count) {
    std::string text;
    while (static_cast<int>(text.size()) < count) text += static_cast<char>('a' + below(26));
    return text;
  }

 private:
  std::mt19937_64 engine_;
};

constexpr std::array rogue_words = {
    "kusuri"sv, "yakkyoku"sv, "genki"sv,  "sakura"sv, "fuji"sv,   "medi"sv,    "pharma"sv,
    "rx"sv,     "pills"sv,    "tablet"sv, "care"sv,   "health"sv, "express"sv, "direct"sv,
    "men"sv,    "vital"sv,    "power"sv,  "aga"sv,    "ed"sv,     "kenko"sv,   "import"sv};
constexpr std::array rogue_tails = {"shop"sv, "store"sv, "mart"sv, "online"sv, "net"sv,
                                    "plus"sv, "24"sv,    "club"sv, "land"sv,   "world"sv};
constexpr std::array rogue_tlds = {"com"sv, "net"sv, "jp"sv, "shop"sv, "online"sv, "org"sv};
constexpr std::array shop_words = {"tea"sv,    "candle"sv, "shoe"sv,  "garden"sv, "kimono"sv,
                                   "coffee"sv, "toy"sv,    "paper"sv, "knife"sv,  "soap"sv,
                                   "wool"sv,   "bento"sv,  "glass"sv, "bike"sv,   "honey"sv};
constexpr std::array pharmacy_words = {"yakkyoku"sv,  "pharmacy"sv, "chemist"sv,
                                       "drugstore"sv, "kusuri"sv,   "apotheke"sv};
constexpr std::array blog_words = {"travel"sv, "recipes"sv, "diary"sv,  "notes"sv,  "photo"sv,
                                   "garden"sv, "fitness"sv, "family"sv, "studio"sv, "salon"sv};
constexpr std::array mail_hosts = {"gmail.com"sv, "protonmail.com"sv, "outlook.com"sv,
                                   "yahoo.co.jp"sv, "mail.ru"sv};
constexpr std::array handle_words = {"rx"sv,   "kusuri"sv, "med"sv,   "support"sv, "order"sv,
                                     "help"sv, "shop"sv,   "genki"sv, "vip"sv};
constexpr std::array gateway_words = {"payflex"sv,  "asiapay"sv, "secure-bill"sv,
                                      "cardsafe"sv, "paygate"sv, "quickpay"sv};
constexpr std::array class_prefixes = {"rx"sv,    "shop"sv, "ph"sv, "med"sv, "st"sv,
                                       "store"sv, "m"sv,    "x"sv,  "tpl"sv, "c"sv};

// What the theme of a hundred WordPress sites ships with, kept by site owners who never
// changed the defaults: the theme author's own tracking and ad accounts, the placeholder an
// unconfigured GA4 field shows, and the demo contacts.
constexpr std::string_view theme_analytics = "UA-41720893-1";
constexpr std::string_view theme_placeholder_ga4 = "G-XXXXXXXXXX";
constexpr std::string_view theme_tag_manager = "GTM-K8QZ2V7";
constexpr std::string_view theme_adsense = "ca-pub-0000000000000000";
constexpr std::string_view theme_email = "hello@flavor-theme.com";
constexpr std::string_view theme_phone = "+12025550143";
// Payment gateways thousands of honest shops load: shared by design.
constexpr std::array big_gateways = {"js.stripe.com"sv, "www.paypal.com"sv};

struct product {
  std::string_view ja;
  std::string_view en;
  unsigned yen;
};

constexpr std::array rogue_products = {
    product{"バイアグラ100mg", "Viagra 100mg", 12800},
    product{"シアリス20mg", "Cialis 20mg", 13800},
    product{"レビトラ20mg", "Levitra 20mg", 14800},
    product{"カマグラゴールド100mg", "Kamagra Gold 100mg", 3980},
    product{"プロペシア1mg", "Propecia 1mg", 6980},
    product{"ザガーロ0.5mg", "Avodart 0.5mg", 8980},
    product{"モダフィニル200mg", "Modafinil 200mg", 9800},
    product{"トラマドール50mg", "Tramadol 50mg", 7800},
};
constexpr std::array pharmacy_products = {
    product{"ロキソニンS", "Ibuprofen 200mg", 700},
    product{"アレグラFX", "Allegra 120mg", 1500},
    product{"ガスター10", "Pepcid AC", 1200},
    product{"バイアグラ（要処方箋）", "Viagra Connect (pharmacist consultation)", 0},
};
constexpr std::array shop_products = {
    product{"煎茶", "Sencha green tea", 1200},    product{"和ろうそく", "Beeswax candle", 800},
    product{"手ぬぐい", "Cotton towel", 900},     product{"湯呑み", "Tea cup", 2400},
    product{"石鹸セット", "Soap gift set", 1800}, product{"はちみつ", "Wildflower honey", 1600},
};

// A host not yet in the corpus: the word pair, with a number when that pair is taken.
std::string unique_host(std::unordered_set<std::string>& taken, const std::string& stem,
                        std::string_view tld) {
  std::string host = stem + "." + std::string(tld);
  for (int n = 2; taken.contains(host); ++n)
    host = stem + std::to_string(n) + "." + std::string(tld);
  taken.insert(host);
  return host;
}

// Fresh identifier values, never repeated across the corpus unless a caller reuses one.
class identifier_source {
 public:
  explicit identifier_source(dice& roll) : roll_(roll) {}

  std::string make(identifier_kind kind, std::string_view country) {
    for (;;) {
      auto value = draw(kind, country);
      if (used_.insert(value).second) return value;
    }
  }

 private:
  std::string draw(identifier_kind kind, std::string_view country) {
    switch (kind) {
      case identifier_kind::google_analytics:
        return roll_.chance(50)
                   ? "UA-" + roll_.digits(8) + "-" + std::to_string(roll_.between(1, 3))
                   : "G-" + roll_.alnum(10);
      case identifier_kind::tag_manager:
        return "GTM-" + roll_.alnum(7);
      case identifier_kind::yandex_metrica:
        return roll_.digits(8);
      case identifier_kind::meta_pixel:
        return roll_.digits(15);
      case identifier_kind::adsense:
        return "ca-pub-" + roll_.digits(16);
      case identifier_kind::email:
        return std::string(roll_.pick(handle_words)) + "." + roll_.lower(4) + roll_.digits(2) +
               "@" + std::string(roll_.pick(mail_hosts));
      case identifier_kind::phone:
      case identifier_kind::whatsapp:
        return mobile(country);
      case identifier_kind::line:
      case identifier_kind::telegram:
      case identifier_kind::skype:
        return std::string(roll_.pick(handle_words)) + "_" + roll_.lower(5) + roll_.digits(2);
      case identifier_kind::checkout_host:
        return "checkout." + std::string(roll_.pick(gateway_words)) + roll_.lower(3) +
               roll_.digits(2) + ".com";
      case identifier_kind::gateway_host:
        return "js." + std::string(roll_.pick(gateway_words)) + "-" + roll_.lower(4) + ".net";
    }
    throw std::logic_error("unknown identifier kind");
  }

  // A mobile number in E.164: Japan's 070/080/090, the UK's 07, else a North American one.
  std::string mobile(std::string_view country) {
    if (country == "JP") return "+81" + std::to_string(roll_.between(7, 9)) + "0" + roll_.digits(8);
    if (country == "GB") return "+447" + roll_.digits(9);
    return "+1" + std::to_string(roll_.between(2, 9)) + roll_.digits(2) +
           std::to_string(roll_.between(2, 9)) + roll_.digits(6);
  }

  dice& roll_;
  std::unordered_set<std::string> used_;
};

std::string_view country_of(std::string_view language, dice& roll) {
  if (language == "ja") return "JP";
  return roll.chance(50) ? "GB" : "US";
}

// A shop of network `number`: a rogue-sounding host of its own, how it writes its page.
corpus_site network_shop(int number, const std::string& language, int theme, dice& roll,
                         std::unordered_set<std::string>& taken) {
  corpus_site site;
  site.host = unique_host(
      taken, std::string(roll.pick(rogue_words)) + "-" + std::string(roll.pick(rogue_tails)),
      roll.pick(rogue_tlds));
  site.role = corpus_role::network_shop;
  site.network = number;
  site.language = language;
  site.theme = theme;
  site.variant = static_cast<std::uint32_t>(roll.below(1u << 30));
  return site;
}

// A network's shops. A stable network shows one anchor identifier on every shop and others on
// some; a rotating one changes each identifier every few shops, out of step with the others,
// so consecutive shops always share one and no identifier is on them all.
void add_network(network_corpus& corpus, int number, int size, bool rotating, dice& roll,
                 identifier_source& fresh, std::unordered_set<std::string>& taken) {
  const std::string language = roll.chance(60) ? "ja" : "en";
  const auto country = country_of(language, roll);
  constexpr std::array pool = {identifier_kind::google_analytics,
                               identifier_kind::tag_manager,
                               identifier_kind::meta_pixel,
                               identifier_kind::adsense,
                               identifier_kind::email,
                               identifier_kind::phone,
                               identifier_kind::line,
                               identifier_kind::whatsapp,
                               identifier_kind::telegram,
                               identifier_kind::skype,
                               identifier_kind::checkout_host,
                               identifier_kind::gateway_host,
                               identifier_kind::yandex_metrica};
  // Each kind the network uses, with its values by generation (one for a stable network).
  struct used_kind {
    identifier_kind kind;
    int span;    // shops per generation
    int offset;  // where its generations start, out of step with the other kinds'
    std::vector<std::string> values;
  };
  std::vector<used_kind> kinds;
  for (std::size_t k = 0; k < pool.size(); ++k) {
    if (language == "ja" && pool[k] == identifier_kind::yandex_metrica) continue;
    if (!roll.chance(55)) continue;
    kinds.push_back({pool[k], rotating ? 3 : size, rotating ? static_cast<int>(k % 3) : 0, {}});
  }
  // Every network pays somewhere and can be reached: a checkout and a contact at least.
  for (const auto needed : {identifier_kind::checkout_host, identifier_kind::phone}) {
    if (std::none_of(kinds.begin(), kinds.end(),
                     [needed](const used_kind& used) { return used.kind == needed; }))
      kinds.push_back(
          {needed, rotating ? 3 : size, rotating ? 1 + static_cast<int>(kinds.size() % 2) : 0, {}});
  }
  const std::size_t anchor = roll.below(kinds.size());
  const std::size_t first_site = corpus.sites.size();
  for (int i = 0; i < size; ++i) {
    auto site = network_shop(number, language, number, roll, taken);
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      auto& used = kinds[k];
      // A rotating network shows every kind it uses, so the chain never breaks; a stable one
      // its anchor always and the rest on about half its shops.
      if (!rotating && k != anchor && !roll.chance(50)) continue;
      const auto generation = static_cast<std::size_t>((i + used.offset) / used.span);
      while (used.values.size() <= generation)
        used.values.push_back(fresh.make(used.kind, country));
      site.identifiers.push_back({used.kind, used.values[generation], false});
    }
    corpus.sites.push_back(std::move(site));
  }
  // Some shops name a sister shop ("our other stores").
  for (int i = 0; i < size; ++i) {
    if (!roll.chance(30)) continue;
    const auto other = first_site + roll.below(size);
    if (other != first_site + i)
      corpus.sites[first_site + i].sister_hosts.push_back(corpus.sites[other].host);
  }
}

// How a network that shares no identifier is held together.
enum class network_tie { sister_links, certificates };

// A network whose shops share nothing but where they point: each has its own accounts,
// contacts, checkout and theme. Chained by sister links, each shop names the next among its
// other stores; by certificates, every shop serves its own and every third one serves a
// certificate that also names its neighbours (the one before and the two after), so only the
// names, never a key, join them.
void add_pointing_network(network_corpus& corpus, int number, int size, network_tie tie, int& theme,
                          dice& roll, identifier_source& fresh,
                          std::unordered_set<std::string>& taken) {
  const std::string language = roll.chance(60) ? "ja" : "en";
  const auto country = country_of(language, roll);
  const std::size_t first = corpus.sites.size();
  for (int i = 0; i < size; ++i) {
    auto site = network_shop(number, language, theme++, roll, taken);
    for (const auto kind : {identifier_kind::google_analytics, identifier_kind::phone,
                            identifier_kind::email, identifier_kind::checkout_host})
      site.identifiers.push_back({kind, fresh.make(kind, country), false});
    corpus.sites.push_back(std::move(site));
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(size); ++i) {
    auto& site = corpus.sites[first + i];
    if (tie == network_tie::sister_links) {
      if (i + 1 < static_cast<std::size_t>(size))
        site.sister_hosts.push_back(corpus.sites[first + i + 1].host);
      continue;
    }
    site.certificate_names = {site.host, "www." + site.host};
    if (i % 3 != 0) continue;
    for (const auto neighbour : {i - 1, i + 1, i + 2}) {
      // i - 1 wraps around for the first shop: out of range like one past the last.
      if (neighbour < static_cast<std::size_t>(size))
        site.certificate_names.push_back(corpus.sites[first + neighbour].host);
    }
  }
}

// A site outside every network: its own accounts and contacts, plus what its platform shares.
corpus_site lone_site(corpus_role role, int theme, dice& roll, identifier_source& fresh,
                      std::unordered_set<std::string>& taken) {
  corpus_site site;
  site.role = role;
  site.theme = theme;
  site.variant = static_cast<std::uint32_t>(roll.below(1u << 30));
  site.language = roll.chance(role == corpus_role::legitimate_pharmacy ? 70 : 50) ? "ja" : "en";
  const auto country = country_of(site.language, roll);
  const auto own = [&](identifier_kind kind) {
    site.identifiers.push_back({kind, fresh.make(kind, country), false});
  };
  switch (role) {
    case corpus_role::network_shop:
      throw std::logic_error("a network shop is made by add_network");
    case corpus_role::cdn_shop:
      site.host = unique_host(
          taken, std::string(roll.pick(shop_words)) + "-" + std::string(roll.pick(shop_words)),
          site.language == "ja" ? "jp" : "com");
      own(identifier_kind::google_analytics);
      if (roll.chance(40)) own(identifier_kind::meta_pixel);
      own(identifier_kind::phone);
      site.identifiers.push_back({identifier_kind::email, "info@" + site.host, false});
      site.identifiers.push_back({identifier_kind::checkout_host, site.host, false});
      site.identifiers.push_back(
          {identifier_kind::gateway_host, std::string(big_gateways[0]), true});
      break;
    case corpus_role::legitimate_pharmacy:
      site.host = unique_host(taken, std::string(roll.pick(pharmacy_words)) + "-" + roll.lower(5),
                              site.language == "ja" ? "co.jp" : "co.uk");
      own(identifier_kind::google_analytics);
      own(identifier_kind::tag_manager);
      own(identifier_kind::phone);
      site.identifiers.push_back({identifier_kind::email, "contact@" + site.host, false});
      site.identifiers.push_back({identifier_kind::checkout_host, site.host, false});
      site.identifiers.push_back(
          {identifier_kind::gateway_host, std::string(roll.pick(big_gateways)), true});
      break;
    case corpus_role::wordpress_site:
      site.host = unique_host(taken, std::string(roll.pick(blog_words)) + "-" + roll.lower(4),
                              roll.chance(50) ? "com" : "net");
      site.identifiers.push_back(
          {identifier_kind::google_analytics,
           std::string(roll.chance(50) ? theme_analytics : theme_placeholder_ga4), true});
      site.identifiers.push_back(
          {identifier_kind::tag_manager, std::string(theme_tag_manager), true});
      site.identifiers.push_back({identifier_kind::adsense, std::string(theme_adsense), true});
      site.identifiers.push_back({identifier_kind::email, std::string(theme_email), true});
      site.identifiers.push_back({identifier_kind::phone, std::string(theme_phone), true});
      if (roll.chance(40)) own(identifier_kind::google_analytics);
      break;
  }
  return site;
}

// ---- rendering -------------------------------------------------------------------------------

// Full-width forms of ASCII digits and the few symbols phone numbers use, as Japanese pages
// often write them.
std::string full_width(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += static_cast<char>(0x90 + (c - '0'));
    } else if (c == '-') {
      out += "－";
    } else if (c == '+') {
      out += "＋";
    } else if (c == ' ') {
      out += "　";
    } else {
      out += c;
    }
  }
  return out;
}

// E.164 written for people: a Japanese mobile as 090-1234-5678, a UK one as 07911 123456, a
// North American one as (415) 555-0134; `international` keeps the country code.
std::string phone_text(std::string_view e164, bool international) {
  const auto digits = e164.substr(1);
  if (digits.starts_with("81")) {
    const auto national = "0" + std::string(digits.substr(2));
    if (!international)
      return national.substr(0, 3) + "-" + national.substr(3, 4) + "-" + national.substr(7);
    return "+81 " + std::string(digits.substr(2, 2)) + "-" + std::string(digits.substr(4, 4)) +
           "-" + std::string(digits.substr(8));
  }
  if (digits.starts_with("44")) {
    if (!international)
      return "0" + std::string(digits.substr(2, 4)) + " " + std::string(digits.substr(6));
    return "+44 " + std::string(digits.substr(2, 4)) + " " + std::string(digits.substr(6));
  }
  const std::string local = "(" + std::string(digits.substr(1, 3)) + ") " +
                            std::string(digits.substr(4, 3)) + "-" + std::string(digits.substr(7));
  return international ? "+1 " + local : local;
}

const placed_identifier* find(const corpus_site& site, identifier_kind kind) {
  for (const auto& placed : site.identifiers)
    if (placed.kind == kind) return &placed;
  return nullptr;
}

std::vector<const placed_identifier*> all_of(const corpus_site& site, identifier_kind kind) {
  std::vector<const placed_identifier*> found;
  for (const auto& placed : site.identifiers)
    if (placed.kind == kind) found.push_back(&placed);
  return found;
}

// The tracking snippets as the vendors publish them, "{id}" where the account goes.
constexpr std::string_view gtag_snippet =
    R"(<script async src="https://www.googletagmanager.com/gtag/js?id={id}"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', '{id}');
</script>
)";
// The same loader with the ID read from the shop's inline JSON config, as some themes do.
constexpr std::string_view gtag_from_config_snippet =
    R"(<script async src="https://www.googletagmanager.com/gtag/js"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}
gtag('js',new Date());var c=JSON.parse(document.getElementById('shop-config').textContent);
gtag('config',c.analytics.measurementId);</script>
)";
constexpr std::string_view tag_manager_snippet =
    R"(<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','{id}');</script>
)";
constexpr std::string_view metrica_snippet =
    R"(<script type="text/javascript">
   (function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};
   m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})
   (window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");
   ym({id}, "init", {clickmap:true, trackLinks:true, accurateTrackBounce:true, webvisor:true});
</script>
<noscript><div><img src="https://mc.yandex.ru/watch/{id}" style="position:absolute; left:-9999px;" alt="" /></div></noscript>
)";
constexpr std::string_view pixel_snippet =
    R"(<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '{id}');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id={id}&ev=PageView&noscript=1"/></noscript>
)";
constexpr std::string_view adsense_snippet =
    R"(<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client={id}" crossorigin="anonymous"></script>
)";

std::string with_id(std::string_view snippet, std::string_view id) {
  std::string text(snippet);
  for (auto at = text.find("{id}"); at != std::string::npos; at = text.find("{id}", at + id.size()))
    text.replace(at, 4, id);
  return text;
}

// Every tracking snippet the site's identifiers call for; a variant of a network shop moves the
// GA id into the inline JSON config, where its theme reads it from.
std::string tracking_head(const corpus_site& site, std::string& json_config) {
  std::string head;
  for (const auto* ga : all_of(site, identifier_kind::google_analytics)) {
    if (site.variant % 4 == 3 && site.role == corpus_role::network_shop) {
      json_config += R"("analytics":{"provider":"gtag","measurementId":")" + ga->value + R"("},)";
      head += gtag_from_config_snippet;
    } else {
      head += with_id(gtag_snippet, ga->value);
    }
  }
  const std::pair<identifier_kind, std::string_view> snippets[] = {
      {identifier_kind::tag_manager, tag_manager_snippet},
      {identifier_kind::yandex_metrica, metrica_snippet},
      {identifier_kind::meta_pixel, pixel_snippet},
      {identifier_kind::adsense, adsense_snippet}};
  for (const auto& snippet : snippets)
    if (const auto* placed = find(site, snippet.first))
      head += with_id(snippet.second, placed->value);
  // The big gateways' published script paths (PayPal's carries the merchant's own client id);
  // a network's own gateway serves its checkout script.
  if (const auto* gateway = find(site, identifier_kind::gateway_host)) {
    const std::string path =
        !gateway->shared_default ? "/v2/checkout.js"
        : gateway->value == "www.paypal.com"
            ? "/sdk/js?client-id=A" + std::to_string(site.variant) + "&amp;currency=JPY"
            : "/v3/";
    head += "<script src=\"https://" + gateway->value + path + "\"></script>\n";
  }
  return head;
}

// The contact lines of the footer, each written the way the site's variant says.
std::string contacts(const corpus_site& site, std::string_view css) {
  const bool ja = site.language == "ja";
  const auto v = site.variant;
  std::string out = "<ul class=\"" + std::string(css) + "-contact\">\n";
  const auto line = [&](std::string_view label, const std::string& content) {
    out += "<li><span class=\"" + std::string(css) + "-label\">" + std::string(label) + "</span> " +
           content + "</li>\n";
  };
  for (const auto* mail : all_of(site, identifier_kind::email)) {
    const auto at = mail->value.find('@');
    const auto local = mail->value.substr(0, at);
    const auto host = mail->value.substr(at + 1);
    switch (v % 3) {
      case 0:
        line(ja ? "メール" : "E-mail",
             "<a href=\"mailto:" + mail->value + "\">" + mail->value + "</a>");
        break;
      case 1:
        line(ja ? "メール" : "E-mail", local + " [at] " + host);
        break;
      default:
        line(ja ? "メール" : "E-mail",
             ja ? local + "＠" + host : local + " [at] " + host + " (replace [at] with @)");
        break;
    }
  }
  for (const auto* phone : all_of(site, identifier_kind::phone)) {
    // Only a Japanese page writes a Japanese number without its country code: the page's
    // language is what tells a reader (and an extractor) the country.
    const bool domestic = ja && phone->value.starts_with("+81");
    switch ((v / 3) % 3) {
      case 0:
        line(ja ? "電話" : "Phone",
             ja ? full_width(phone_text(phone->value, !domestic)) : phone_text(phone->value, true));
        break;
      case 1:
        line(ja ? "電話" : "Phone", "<a href=\"tel:" + phone->value + "\">" +
                                        phone_text(phone->value, !domestic) + "</a>");
        break;
      default:
        line(ja ? "お問い合わせ" : "Call us", full_width(phone_text(phone->value, true)));
        break;
    }
  }
  if (const auto* handle = find(site, identifier_kind::line))
    line("LINE", v % 2 ? "<a href=\"https://line.me/ti/p/~" + handle->value + "\">" +
                             (ja ? "友だち追加" : "Add friend") + "</a>"
                       : "ID: @" + handle->value);
  if (const auto* wa = find(site, identifier_kind::whatsapp))
    line("WhatsApp", v % 2 ? "<a href=\"https://wa.me/" + wa->value.substr(1) + "\">" +
                                 phone_text(wa->value, true) + "</a>"
                           : "<a href=\"https://api.whatsapp.com/send?phone=" +
                                 wa->value.substr(1) + "\">" + (ja ? "チャット" : "Chat") + "</a>");
  if (const auto* tg = find(site, identifier_kind::telegram))
    line("Telegram", (v / 2) % 2
                         ? "<a href=\"https://t.me/" + tg->value + "\">@" + tg->value + "</a>"
                         : "@" + tg->value);
  if (const auto* skype = find(site, identifier_kind::skype))
    line("Skype", "<a href=\"skype:" + skype->value + "?chat\">" + skype->value + "</a>");
  return out + "</ul>\n";
}

std::string yen_text(unsigned yen, bool ja) {
  std::string digits = std::to_string(yen);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return ja ? digits + "円" : "¥" + digits;
}

// A shop's home page on its theme's skeleton: header, product grid, order form, footer.
std::string shop_page(const corpus_site& site) {
  const bool ja = site.language == "ja";
  const std::string css =
      std::string(class_prefixes[site.theme % class_prefixes.size()]) + std::to_string(site.theme);
  const auto layout = site.theme % 3;
  const bool rogue = site.role == corpus_role::network_shop;
  const bool pharmacy = rogue || site.role == corpus_role::legitimate_pharmacy;

  std::string json_config = "{";
  const auto head = tracking_head(site, json_config);
  json_config += R"("currency":"JPY","locale":")" + site.language + R"("})";

  std::string title;
  if (rogue)
    title = ja ? "ED治療薬・AGA治療薬の個人輸入代行 | " + site.host
               : "Cheap Viagra and Cialis online, no prescription | " + site.host;
  else if (pharmacy)
    title = ja ? "調剤薬局 " + site.host + " | 処方箋受付・OTC医薬品"
               : site.host + " | Registered online pharmacy";
  else
    title = ja ? site.host + " オンラインストア" : site.host + " | Online store";

  std::string body =
      "<header class=\"" + css + "-header\"><div class=\"" + css + "-logo\"><a href=\"/\">" +
      site.host + "</a></div>\n<nav class=\"" + css + "-nav\"><a href=\"/products\">" +
      (ja ? "商品一覧" : "Products") + "</a> <a href=\"/cart\">" + (ja ? "カート" : "Cart") +
      "</a> <a href=\"/faq\">" + (ja ? "よくある質問" : "FAQ") + "</a></nav></header>\n";
  if (rogue)
    body += ja ? "<p class=\"" + css +
                     "-lead\">処方箋不要！ED治療薬を海外から直送。100%"
                     "正規品保証、プライバシー厳守の梱包でお届けします。</p>\n"
               : "<p class=\"" + css +
                     "-lead\">No prescription needed! Genuine ED pills shipped worldwide in "
                     "discreet packaging.</p>\n";
  else if (pharmacy)
    body +=
        ja ? "<p class=\"" + css +
                 "-lead\">"
                 "医療用医薬品のお渡しには医師の処方箋が必要です。薬剤師がご相談を承ります。</p>\n"
           : "<p class=\"" + css +
                 "-lead\">Prescription medicines are dispensed only against a valid prescription, "
                 "after a pharmacist's review.</p>\n";

  // Network shops keep their network's product count, so the theme's skeleton repeats; each
  // shop lists its own selection.
  const auto& catalogue =
      rogue      ? std::vector<product>(rogue_products.begin(), rogue_products.end())
      : pharmacy ? std::vector<product>(pharmacy_products.begin(), pharmacy_products.end())
                 : std::vector<product>(shop_products.begin(), shop_products.end());
  const std::size_t shown = rogue ? 3 + site.theme % 4 : 3 + site.variant % 3;
  body +=
      layout == 2 ? "<table class=\"" + css + "-items\">\n" : "<div class=\"" + css + "-grid\">\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& item = catalogue[(site.variant / 7 + i) % catalogue.size()];
    const std::string name(ja ? item.ja : item.en);
    const std::string price = item.yen ? yen_text(item.yen + 100 * (site.variant % 5), ja)
                                       : (ja ? "要相談" : "consultation");
    if (layout == 2)
      body += "<tr class=\"" + css + "-row\"><td class=\"" + css + "-name\">" + name +
              "</td><td class=\"" + css + "-price\">" + price + "</td><td><button class=\"" + css +
              "-buy\">" + (ja ? "カートに入れる" : "Add to cart") + "</button></td></tr>\n";
    else
      body += "<div class=\"" + css + "-card\"><h3 class=\"" + css + "-name\">" + name +
              "</h3><p class=\"" + css + "-price\">" + price + "</p><button class=\"" + css +
              "-buy\">" + (ja ? "カートに入れる" : "Add to cart") + "</button></div>\n";
  }
  body += layout == 2 ? "</table>\n" : "</div>\n";

  const auto* checkout = find(site, identifier_kind::checkout_host);
  const std::string action =
      checkout && checkout->value != site.host
          ? "https://" + checkout->value + "/order/" + std::to_string(site.variant % 9000 + 1000)
          : "/checkout";
  body += "<form class=\"" + css + "-order\" action=\"" + action +
          "\" method=\"post\">\n<input type=\"hidden\" name=\"shop\" value=\"" + site.host +
          "\">\n<input name=\"email\" type=\"email\"> <input name=\"card\" "
          "autocomplete=\"cc-number\">\n<button type=\"submit\">" +
          (ja ? "注文を確定する" : "Place order") + "</button>\n</form>\n";

  body += "<footer class=\"" + css + "-footer\">\n" + contacts(site, css);
  if (!site.sister_hosts.empty()) {
    body += "<p class=\"" + css + "-sisters\">" + (ja ? "姉妹店：" : "Our other stores: ");
    for (const auto& sister : site.sister_hosts)
      body += "<a href=\"https://" + sister + "/\">" + sister + "</a> ";
    body += "</p>\n";
  }
  if (!site.outside_links.empty()) {
    body += "<p class=\"" + css + "-partners\">" + (ja ? "提携サイト：" : "Partners: ");
    for (const auto& partner : site.outside_links)
      body += "<a href=\"https://www." + partner + "/\">" + partner + "</a> ";
    body += "</p>\n";
  }
  if (site.role == corpus_role::legitimate_pharmacy)
    body += ja ? "<p>薬局開設許可番号 第" + std::to_string(site.variant % 90000 + 10000) +
                     "号 <a href=\"https://www.mhlw.go.jp/\">厚生労働省</a></p>\n"
               : "<p>GPhC registration " + std::to_string(site.variant % 9000000 + 1000000) +
                     " <a href=\"https://www.pharmacyregulation.org/\">General Pharmaceutical "
                     "Council</a></p>\n";
  body += "<p class=\"" + css + "-copy\">&copy; 2026 " + site.host + "</p>\n</footer>\n";
  body += "<script type=\"application/json\" id=\"shop-config\">" + json_config + "</script>\n";
  if (site.role == corpus_role::cdn_shop)
    body +=
        "<script "
        "src=\"https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js\"></script>\n"
        "<script defer "
        "src=\"/cdn-cgi/scripts/5c5dd728/cloudflare-static/email-decode.min.js\"></script>\n";

  return "<!DOCTYPE html>\n<html lang=\"" + site.language +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
         "</title>\n<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">\n<link rel=\"stylesheet\" href=\"/assets/" +
         css + ".css\">\n" + head + "</head>\n<body class=\"" + css + "-body\">\n" + body +
         "</body>\n</html>\n";
}

// A WordPress site on the shared theme: the same skeleton everywhere, the theme's defaults in
// the head and footer, a few posts (a health blog among them names drugs without selling).
std::string wordpress_page(const corpus_site& site) {
  const bool ja = site.language == "ja";
  std::string json_config;
  const auto head = tracking_head(site, json_config);
  std::string posts;
  static constexpr std::array<std::string_view, 4> en_posts = {
      "Ten things to see in Kyoto in autumn", "My sourdough starter, week three",
      "What my doctor said about Viagra and blood pressure", "Repotting the balcony tomatoes"};
  static constexpr std::array<std::string_view, 4> ja_posts = {
      "秋の京都で見たいもの十選", "天然酵母パン作り三週目",
      "バイアグラと血圧について主治医に聞いたこと", "ベランダのトマトを植え替えました"};
  for (int i = 0; i < 3; ++i) {
    const auto title = ja ? ja_posts[(site.variant + i) % 4] : en_posts[(site.variant + i) % 4];
    posts +=
        "<article class=\"post type-post status-publish format-standard hentry\"><h2 "
        "class=\"entry-title\"><a href=\"/?p=" +
        std::to_string(site.variant % 500 + i) + "\" rel=\"bookmark\">" + std::string(title) +
        "</a></h2><div class=\"entry-summary\"><p>" + (ja ? "続きを読む" : "Continue reading") +
        "</p></div></article>\n";
  }
  const std::string theme_footer =
      "<footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">" +
      contacts(site, "flavor") +
      "<a href=\"https://wordpress.org/\">Proudly powered by WordPress</a> | Theme: Flavor by "
      "flavor-theme.com</div></footer>\n";
  return "<!DOCTYPE html>\n<html lang=\"" + site.language +
         "\">\n<head>\n<meta charset=\"UTF-8\">\n<title>" + site.host + " &#8211; " +
         (ja ? "日々の記録" : "Just another WordPress site") +
         "</title>\n<meta name=\"generator\" content=\"WordPress 6.4.2\">\n<link "
         "rel=\"stylesheet\" id=\"flavor-style-css\" "
         "href=\"/wp-content/themes/flavor/style.css?ver=2.1.0\" media=\"all\">\n" +
         head +
         "</head>\n<body class=\"home blog wp-embed-responsive hfeed\">\n<div id=\"page\" "
         "class=\"site\"><header id=\"masthead\" class=\"site-header\"><p class=\"site-title\"><a "
         "href=\"/\" rel=\"home\">" +
         site.host + "</a></p></header>\n<main id=\"main\" class=\"site-main\">\n" + posts +
         "</main>\n" + theme_footer +
         "</div>\n<script "
         "src=\"/wp-includes/js/wp-emoji-release.min.js?ver=6.4.2\"></script>\n</body>\n</html>\n";
}

}  // namespace

std::string_view to_string(corpus_role role) {
  switch (role) {
    case corpus_role::network_shop:
      return "network_shop";
    case corpus_role::cdn_shop:
      return "cdn_shop";
    case corpus_role::legitimate_pharmacy:
      return "legitimate_pharmacy";
    case corpus_role::wordpress_site:
      return "wordpress_site";
  }
  return "unknown";
}

std::string_view to_string(identifier_kind kind) {
  switch (kind) {
    case identifier_kind::google_analytics:
      return "google_analytics";
    case identifier_kind::tag_manager:
      return "tag_manager";
    case identifier_kind::yandex_metrica:
      return "yandex_metrica";
    case identifier_kind::meta_pixel:
      return "meta_pixel";
    case identifier_kind::adsense:
      return "adsense";
    case identifier_kind::email:
      return "email";
    case identifier_kind::phone:
      return "phone";
    case identifier_kind::line:
      return "line";
    case identifier_kind::whatsapp:
      return "whatsapp";
    case identifier_kind::telegram:
      return "telegram";
    case identifier_kind::skype:
      return "skype";
    case identifier_kind::checkout_host:
      return "checkout_host";
    case identifier_kind::gateway_host:
      return "gateway_host";
  }
  return "unknown";
}

corpus_options scaled_options(int sites, std::uint64_t seed) {
  const corpus_options defaults;
  const int default_total =
      defaults.networks * (defaults.min_network_sites + defaults.max_network_sites) / 2 +
      defaults.cdn_shops + defaults.legitimate_pharmacies + defaults.wordpress_sites;
  const double factor = std::max(1.0, static_cast<double>(sites) / default_total);
  const auto scaled = [factor](int count) { return static_cast<int>(count * factor + 0.5); };
  corpus_options options = defaults;
  options.seed = seed;
  options.networks = scaled(defaults.networks);
  options.cdn_shops = scaled(defaults.cdn_shops);
  options.legitimate_pharmacies = scaled(defaults.legitimate_pharmacies);
  options.wordpress_sites = scaled(defaults.wordpress_sites);
  return options;
}

network_corpus generate_network_corpus(const corpus_options& options) {
  if (options.networks < 0 || options.min_network_sites < 2 ||
      options.max_network_sites < options.min_network_sites)
    throw std::invalid_argument("corpus options: networks need at least two sites each");
  dice roll(options.seed);
  identifier_source fresh(roll);
  std::unordered_set<std::string> taken;
  network_corpus corpus;
  corpus.networks = options.networks;
  for (int n = 1; n <= options.networks; ++n)
    add_network(corpus, n, roll.between(options.min_network_sites, options.max_network_sites),
                n % 3 == 0, roll, fresh, taken);
  // Lone sites' themes start above every network's, so no decoy shares a network's skeleton.
  int theme = options.networks + 1;
  for (int i = 0; i < options.cdn_shops; ++i)
    corpus.sites.push_back(lone_site(corpus_role::cdn_shop, theme++, roll, fresh, taken));
  for (int i = 0; i < options.legitimate_pharmacies; ++i)
    corpus.sites.push_back(
        lone_site(corpus_role::legitimate_pharmacy, theme++, roll, fresh, taken));
  for (int i = 0; i < options.wordpress_sites; ++i)
    corpus.sites.push_back(lone_site(corpus_role::wordpress_site, 0, roll, fresh, taken));
  // Drawn after every site above, so those stay as they were before these were added.
  if (options.sister_network_sites >= 2)
    add_pointing_network(corpus, ++corpus.networks, options.sister_network_sites,
                         network_tie::sister_links, theme, roll, fresh, taken);
  if (options.certificate_network_sites >= 2)
    add_pointing_network(corpus, ++corpus.networks, options.certificate_network_sites,
                         network_tie::certificates, theme, roll, fresh, taken);
  // Decoys that point outside the corpus: CDN shops linking to one review site, and each
  // pharmacy linking to the group sites of the next two (none of them crawled).
  const auto review_site = unique_host(taken, "rx-review-hub", "com");
  std::vector<corpus_site*> cdn_shops;
  std::vector<corpus_site*> pharmacies;
  for (auto& site : corpus.sites) {
    if (site.role == corpus_role::cdn_shop) cdn_shops.push_back(&site);
    if (site.role == corpus_role::legitimate_pharmacy) pharmacies.push_back(&site);
  }
  for (std::size_t i = 0;
       i < cdn_shops.size() && i < static_cast<std::size_t>(options.outside_link_shops); ++i)
    cdn_shops[i]->outside_links.push_back(review_site);
  std::vector<std::string> group_sites;
  for (std::size_t i = 0; i < pharmacies.size(); ++i)
    group_sites.push_back(unique_host(taken, std::string(roll.pick(pharmacy_words)) + "-group",
                                      roll.pick(rogue_tlds)));
  for (std::size_t i = 0; pharmacies.size() > 2 && i < pharmacies.size(); ++i) {
    pharmacies[i]->outside_links.push_back(group_sites[(i + 1) % pharmacies.size()]);
    pharmacies[i]->outside_links.push_back(group_sites[(i + 2) % pharmacies.size()]);
  }
  return corpus;
}

std::string render_page(const corpus_site& site) {
  return site.role == corpus_role::wordpress_site ? wordpress_page(site) : shop_page(site);
}

std::string truth_tsv(const network_corpus& corpus) {
  std::string out = "domain\tnetwork\trole\n";
  for (const auto& site : corpus.sites)
    out += site.host + "\t" + (site.network ? std::to_string(site.network) : "-") + "\t" +
           std::string(to_string(site.role)) + "\n";
  return out;
}

}  // namespace geocrawl::testing
