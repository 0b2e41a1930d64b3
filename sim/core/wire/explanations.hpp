// The learner-facing explanation texts, keyed by Field::explain (and "key:value" for
// texts about one particular value, such as "named_group:x25519").
#pragma once

#include <string_view>

namespace hl::wire {

/// The text for one key, or nullptr when the table has none.
const char* explanation_text(std::string_view key);

}  // namespace hl::wire
