// The live safety rule for the commands that touch the network: loopback only, unless the user
// allows remote peers.
#pragma once

#include <string>

#include "core/live/address.hpp"

namespace hl::cli {

/// Resolves `where` and throws UsageError naming `flag` when an address is not loopback and
/// !allow_remote; throws std::runtime_error when it resolves to nothing.
void check_reach(const live::HostPort& where, bool passive, bool allow_remote, const char* flag);

}  // namespace hl::cli
