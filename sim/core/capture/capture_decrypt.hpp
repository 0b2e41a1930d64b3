// Opening a capture transcript's protected records with its key log, through the lab's own
// key schedule and record code (core/crypto), as the Key schedule pane shows them.
#pragma once

#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::capture {

/// Fills plaintext, inner_type and protection of every protected record of `t` that its
/// key log (t.keylog) opens; adds one warning per kind of record that did not open.
void decrypt_records(Transcript& t, std::vector<std::string>& warnings);

}  // namespace hl::capture
