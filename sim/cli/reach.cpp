#include "cli/reach.hpp"

#include <stdexcept>
#include <vector>

#include "cli/commands.hpp"

namespace hl::cli {

void check_reach(const live::HostPort& where, bool passive, bool allow_remote, const char* flag) {
  std::vector<live::Resolved> addresses;
  std::string error;
  if (!live::resolve(where, passive, addresses, error)) throw std::runtime_error(error);
  for (const live::Resolved& address : addresses)
    if (!live::is_loopback(address) && !allow_remote)
      throw UsageError{std::string(flag) + " " + where.host + " is not a loopback address: add --allow-remote to reach other machines"};
}

}  // namespace hl::cli
