#include "tests/support/loopback_ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace geocrawl::testing {

namespace {

namespace fs = std::filesystem;

sockaddr_in loopback_endpoint(std::uint16_t port) {
  sockaddr_in endpoint{};
  endpoint.sin_family = AF_INET;
  endpoint.sin_port = htons(port);
  endpoint.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return endpoint;
}

// The inodes of the sockets listening on 127.0.0.1:port, from the kernel's table of IPv4 TCP
// sockets. Its local address column is the address as the kernel stores it, printed as one
// native-endian hex word, then the port in hex.
std::vector<std::string> listening_inodes(std::uint16_t port) {
  std::array<char, 16> wanted{};
  std::snprintf(wanted.data(), wanted.size(), "%08X:%04X", loopback_endpoint(port).sin_addr.s_addr,
                port);
  constexpr std::string_view listen_state = "0A";

  std::vector<std::string> inodes;
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the column names
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeouts, inode;
    fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
        timeouts >> inode;
    if (local == wanted.data() && state == listen_state) inodes.push_back(inode);
  }
  return inodes;
}

// Whether the process holds one of the sockets; nullopt if its descriptors cannot be read.
std::optional<bool> holds_socket(pid_t process, const std::vector<std::string>& inodes) {
  std::error_code error;
  fs::directory_iterator fds("/proc/" + std::to_string(process) + "/fd", error);
  if (error) return std::nullopt;
  for (; !error && fds != fs::directory_iterator(); fds.increment(error)) {
    std::error_code unreadable;  // an fd closed while we look
    const std::string target = fs::read_symlink(fds->path(), unreadable).string();
    for (const std::string& inode : inodes) {
      if (target == "socket:[" + inode + "]") return true;
    }
  }
  return false;
}

}  // namespace

std::uint16_t free_loopback_port() {
  const int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0) throw std::system_error(errno, std::generic_category(), "socket");
  sockaddr_in endpoint = loopback_endpoint(0);
  socklen_t size = sizeof endpoint;
  const bool bound = ::bind(probe, reinterpret_cast<const sockaddr*>(&endpoint), size) == 0 &&
                     ::getsockname(probe, reinterpret_cast<sockaddr*>(&endpoint), &size) == 0;
  const int error = errno;
  ::close(probe);
  if (!bound) throw std::system_error(error, std::generic_category(), "finding a free port");
  return ntohs(endpoint.sin_port);
}

port_listener listener_on(std::uint16_t port, pid_t process) {
  const std::vector<std::string> inodes = listening_inodes(port);
  if (inodes.empty()) return port_listener::none;
  return holds_socket(process, inodes).value_or(true) ? port_listener::process
                                                      : port_listener::another_process;
}

}  // namespace geocrawl::testing
