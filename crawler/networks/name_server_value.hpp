#pragma once
// A name server from a registrar record as an identifier value: registries write them in any
// case and some with the root's trailing dot (NS1.Host.Example.), which is the same server as
// ns1.host.example.
#include <string>
#include <string_view>

namespace geocrawl {

// Lower case, one trailing dot removed; "" for a name that is empty once trimmed so.
std::string name_server_value(std::string_view name);

}  // namespace geocrawl
