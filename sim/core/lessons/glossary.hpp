// The glossary: one table of the words a newcomer trips over (AEAD, x25519, SNI, ...), each
// with a short definition that cites its RFC. The lesson pane shows a definition when the
// pointer rests on a term, the Glossary tab lists them all, and tests read the same table.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace hl {

/// One term and what it means.
struct GlossaryEntry {
  std::string_view term;        // as the glossary lists it: "AEAD", "session ticket"
  std::string_view aliases;     // other spellings that mean the same, separated by '|'; may be empty
  std::string_view definition;  // two or three sentences, citing the RFC
};

/// Every entry, in the order the Glossary tab lists them (alphabetical, case-insensitive).
std::span<const GlossaryEntry> glossary();

/// One occurrence of a glossary term (or an alias) in a text.
struct GlossaryHit {
  std::size_t offset = 0;
  std::size_t length = 0;
  const GlossaryEntry* entry = nullptr;
};

/// Where glossary terms occur in text, as whole words (a term is not found inside a longer
/// word or identifier), in text order, never overlapping; the longest term wins at a position.
/// A spelling with a capital letter (AEAD, Finished) matches only in that case; others ignore case.
std::vector<GlossaryHit> find_glossary_terms(std::string_view text);

/// The entry whose term or alias is exactly text (same case rule), or nullptr.
const GlossaryEntry* glossary_entry(std::string_view text);

}  // namespace hl
