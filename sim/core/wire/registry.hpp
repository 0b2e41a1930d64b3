// Whole IANA registry tables, for choosing a value (a what-if edit's choices): the tables
// behind names.hpp's lookups, listed rather than searched.
#pragma once

#include <cstdint>
#include <span>

#include "core/wire/names.hpp"

namespace hl::wire {

/// The registries whose whole table can be listed.
enum class Registry : std::uint8_t {
  content_type, cipher_suite, version, named_group, signature_scheme, extension_type,
  compression_method, alert_description, ec_point_format, psk_mode, server_name_type, key_update_request,
};

/// Every assigned code of a registry with its name, in table order (GREASE values are not rows).
std::span<const CodeName> registry_table(Registry registry);

/// The cipher suite registry's table (the one behind cipher_suite_name()).
std::span<const CodeName> cipher_suite_table();

}  // namespace hl::wire
