// Field paths: how an edit names one field of a step's tree ("cipher_suites[0]",
// "extensions.key_share.client_shares[0].group"). A path's first name is searched through
// the whole tree from the top (the first field of that name wins); every later name is a
// direct child; `[i]` takes the i-th element of a list (its length left out).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/field.hpp"

namespace hl::edit {

/// A field found in a tree: the chain of nodes from the top-level field down to it.
struct FieldRef {
  std::vector<const Field*> chain;  // chain.front() a top-level field, chain.back() the field itself
  const Field& field() const { return *chain.back(); }
  const Field* parent() const { return chain.size() > 1 ? chain[chain.size() - 2] : nullptr; }
};

/// The name a field goes by in a path: its name, "Extension: " left off, spaces as '_'
/// ("key_share", "TLS_record", "random_bytes").
std::string path_key(const Field& field);

/// True when the field is a length-prefixed vector (its first child is its length).
bool is_vector(const Field& field);

/// A vector's or a node's children a path index counts: all but a leading length.
std::vector<const Field*> elements(const Field& field);

/// Checks `name[i].name...` without a tree: names of at least one character other than
/// . [ ] =, indexes of decimal digits. False with a sentence saying where it breaks.
[[nodiscard]] bool check_path_syntax(std::string_view path, std::string& out_error);

/// Finds the field a path names. False, with a sentence naming the part that matched
/// nothing and the names that exist at that place, when it names nothing.
[[nodiscard]] bool resolve_path(const std::vector<Field>& fields, std::string_view path, FieldRef& out_ref,
                                std::string& out_error);

/// The shortest path that resolve_path() takes back to this field: below its handshake
/// message when that is unambiguous ("cipher_suites[0]"), else from the top; empty when no
/// path reaches it (a field of a second record in one step, hidden by the first's).
std::string path_of(const std::vector<Field>& fields, const FieldRef& ref);

}  // namespace hl::edit
