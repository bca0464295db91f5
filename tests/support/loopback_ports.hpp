// Ports on 127.0.0.1 for servers the tests start as separate programs, which must be told a
// port instead of reporting the one the kernel gave them.
#pragma once

#include <sys/types.h>

#include <cstdint>

namespace geocrawl::testing {

// A port nothing listens on at the moment of the call: the kernel's pick for a socket bound to
// port 0. Another process may take it before the caller's server binds it; listener_on tells.
std::uint16_t free_loopback_port();

enum class port_listener {
  none,             // nothing listens on the port (yet)
  process,          // the given process holds the listening socket
  another_process,  // something else does: the port was taken
};

// Who listens on 127.0.0.1:port. Exact where a test connect is not: a connect cannot tell the
// server it reaches from one that took the port first. Linux only (/proc/net/tcp and
// /proc/PID/fd). Where the process's descriptors cannot be read (root without CAP_SYS_PTRACE
// looking at a server that switched to another user), a listener counts as the process's.
port_listener listener_on(std::uint16_t port, pid_t process);

}  // namespace geocrawl::testing
