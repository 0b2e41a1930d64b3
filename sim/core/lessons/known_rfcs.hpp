// The RFCs a lesson may cite: a table of numbers and titles, with the RFC that replaced an
// obsoleted one, so `lessons --check` can refuse a typo and an old RFC cited alone.
#pragma once

#include <span>

namespace hl {

/// One RFC a lesson may cite.
struct KnownRfc {
  int number;
  const char* title;
  int replaced_by = 0;  // the current RFC a lesson must cite beside this one (0: none)
};

/// Every RFC the lessons may cite, ordered by number.
std::span<const KnownRfc> known_rfcs();

/// The table row for number, or nullptr when lessons may not cite it.
const KnownRfc* find_known_rfc(int number);

}  // namespace hl
