// Names of the object identifiers found in X.509 certificates and TLS.
#pragma once

#include <string_view>

namespace hl::wire {

/// The registered name of a dotted OID ("2.5.4.3" -> "commonName"); nullptr when not in the table.
const char* oid_name(std::string_view dotted);

}  // namespace hl::wire
