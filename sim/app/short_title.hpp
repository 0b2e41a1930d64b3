// The short form of a ladder title, for a ladder too narrow for the whole one: at 800×600 with
// a 48-pixel font a row has room for "CH" but not for "ClientHello". The row's tooltip keeps the whole title.
#pragma once

#include <string>
#include <string_view>

namespace hl::app {

/// `title` with each message name it lists replaced by its usual abbreviation (ClientHello → CH,
/// ServerKeyExchange → SKE) and any "(…)" note dropped; a name the table lacks stays as it is.
std::string short_title(std::string_view title);

}  // namespace hl::app
