#pragma once
// The rendered vantages of a command ([[vantage]] render = true): one render_driver
// (crawler/render) set up from [render], crawl.render_concurrency and the limits, handed to
// fetch_for_vantage as its view_renderer. Nothing is started when no vantage renders.
#include <memory>
#include <vector>

#include "crawler/config/config.hpp"
#include "crawler/vantage/vantage_fetch.hpp"

namespace boost::asio {
class io_context;
}

namespace geocrawl {

class render_driver;

class view_rendering {
 public:
  // `environment` must outlive this; the browser starts with the first rendered view.
  view_rendering(boost::asio::io_context& io, const fetch_environment& environment,
                 const config& settings, const std::vector<vantage_settings>& vantages);
  // Finishes the views under way and stops the browser: after the io_context has stopped.
  ~view_rendering();
  view_rendering(const view_rendering&) = delete;
  view_rendering& operator=(const view_rendering&) = delete;

  // For fetch_for_vantage; nullptr when no vantage renders.
  const view_renderer* renderer() const noexcept { return driver_ ? &renderer_ : nullptr; }

 private:
  std::unique_ptr<render_driver> driver_;
  view_renderer renderer_;
};

}  // namespace geocrawl
