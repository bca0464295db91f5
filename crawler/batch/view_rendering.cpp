#include "crawler/batch/view_rendering.hpp"

#include <algorithm>
#include <utility>

#include "crawler/render/render_driver.hpp"

namespace geocrawl {

view_rendering::view_rendering(boost::asio::io_context& io, const fetch_environment& environment,
                               const config& settings,
                               const std::vector<vantage_settings>& vantages) {
  if (std::none_of(vantages.begin(), vantages.end(),
                   [](const vantage_settings& vantage) { return vantage.render.has_value(); })) {
    return;
  }
  render_driver_settings driver;
  driver.executable = settings.render.executable;
  driver.settle = settings.render.settle;
  driver.timeout = settings.render.timeout;
  driver.memory_mb = settings.render.memory_mb;
  driver.browser_memory_mb = settings.render.browser_memory_mb;
  driver.max_targets = settings.render.max_targets;
  driver.niceness = settings.render.nice;
  driver.concurrency = settings.crawl.render_concurrency;
  // A rendered DOM is kept under the same cap as a served body.
  driver.max_dom_bytes = settings.limits.max_body_bytes;
  driver.relay.connect_timeout = settings.limits.connect_timeout;
  driver_ = std::make_unique<render_driver>(io, environment, std::move(driver));
  renderer_ = [driver = driver_.get()](std::string url, std::optional<proxy_endpoint> proxy,
                                       render_emulation emulation) {
    return driver->render(std::move(url), std::move(proxy), std::move(emulation));
  };
}

view_rendering::~view_rendering() = default;

}  // namespace geocrawl
