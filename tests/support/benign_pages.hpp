// What legitimate sites serve: local news, a personal blog, clinics (which name ED drugs, but
// only as something a doctor prescribes) and an ordinary online shop. Busy ones vary per request
// (page_options.request): rotating ads, the clock, a newsletter form token, the product order.
#pragma once

#include <string>

#include "tests/support/page_variation.hpp"

namespace geocrawl::testing {

std::string english_news(const page_options& options = {});  // a town newspaper's front page
std::string japanese_news(const page_options& options = {});  // 地域ニュース from a regional paper
std::string japanese_blog(const page_options& options = {});  // a camping diary
// A Japanese internal-medicine clinic whose ED clinic prescribes バイアグラ and シアリス after a
// consultation.
std::string japanese_clinic(const page_options& options = {});
// A family practice that prescribes sildenafil (Viagra) and tadalafil (Cialis) after a visit.
std::string english_clinic(const page_options& options = {});
// A Japanese tea shop's English online store: a cart and prices (options.prices), no drugs.
std::string tea_shop(const page_options& options = {});

}  // namespace geocrawl::testing
