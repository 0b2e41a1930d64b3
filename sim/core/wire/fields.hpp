// Building field trees Wireshark-style: each helper reads through a bounded cursor,
// appends one field with its exact byte range, and on short or bad input appends a
// malformed field over what is left instead of throwing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model/field.hpp"
#include "core/wire/cursor.hpp"

namespace hl::wire {

/// Sibling fields in wire order.
using FieldList = std::vector<Field>;

/// Maps a registry code to its name; nullptr when the code is not assigned.
using Namer = const char* (*)(std::uint32_t code);

/// Lower-case hex of bytes; past `max_len` bytes it ends in "… (N bytes)".
std::string to_hex(std::span<const std::uint8_t> bytes, std::size_t max_len = 32);

/// bytes in double quotes: printable ASCII as is, any other byte as '.' (ASN.1 and BER strings).
std::string quoted_ascii(std::span<const std::uint8_t> bytes);

/// Display text of bytes: printable ASCII as is, CR/LF/TAB as \r \n \t, other bytes as \xNN.
std::string escaped_text(std::span<const std::uint8_t> bytes);

/// Reads X.690 definite length octets (short form, or 0x81..0x84 then the length). On failure
/// out_error says why; the indefinite form 0x80 is refused with indefinite_error, since DER
/// and LDAP forbid it by different rules.
[[nodiscard]] bool read_definite_length(Cursor& c, std::uint32_t& out_len, std::string& out_error,
                                        const char* indefinite_error);

/// "0x0303" with 2 hex digits per byte.
std::string hex_code(std::uint32_t value, std::size_t num_bytes);

/// "TLS_AES_128_GCM_SHA256 (0x1301)", or "unknown (0x1234)" when namer has no name.
std::string named_code(std::uint32_t value, std::size_t num_bytes, Namer namer);

/// A field with no children.
Field make_leaf(std::string name, std::string value, std::size_t offset, std::size_t length, std::string key);

/// Appends a malformed leaf over everything left in c (consuming it; zero length if nothing is left).
void add_malformed(Cursor& c, FieldList& out, std::string name, std::string error);

/// Appends a malformed leaf over c's unread bytes if any remain ("trailing bytes after <what>").
/// Returns true when nothing was left over.
bool expect_end(Cursor& c, FieldList& out, const std::string& what);

/// Reads a big-endian integer of num_bytes as one leaf. Shown by namer when given, else in decimal.
/// On short input appends a malformed leaf over the rest and returns false.
bool add_uint(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t num_bytes,
              std::uint32_t& out_value, Namer namer = nullptr);

/// The same, for callers that do not need the value.
bool add_uint(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t num_bytes,
              Namer namer = nullptr);

/// Reads len bytes as one leaf shown in hex. On short input appends a malformed leaf and returns false.
bool add_opaque(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t len);

/// Reads the rest of c as one leaf shown in hex (a zero-length leaf when nothing is left).
void add_rest(Cursor& c, FieldList& out, const char* name, const char* key);

/// Reads len bytes as one leaf shown as printable text.
bool add_text(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t len);

/// Appends an empty node spanning [offset, offset+length); children are added by the caller.
Field& add_node(FieldList& out, std::string name, std::string value, std::size_t offset, std::size_t length,
                std::string key);

/// Opens a length-prefixed vector: appends a node `name` whose first child is the length.
/// Checks the length against [min_len, max_len] (RFC bounds) and against the bytes left;
/// an out-of-bounds length is marked malformed and the body is clipped to what is there.
/// Returns the node (valid until `out` is next modified) or nullptr when even the length is missing.
Field* open_vector(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t prefix_len,
                   std::size_t min_len, std::size_t max_len, Cursor& out_body);

/// Opens a vector holding one opaque value: node `name` with children length and the value,
/// the node showing the value too. Returns false when even the length is missing.
bool add_opaque_vector(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t prefix_len,
                       std::size_t min_len, std::size_t max_len);

/// Fixes a node's length so it ends where cursor c now stands.
void close_node(Field& node, const Cursor& c);

/// Reads a list of fixed-size codes until the body is empty (an odd byte left becomes malformed).
void add_code_list(Cursor& body, FieldList& out, const char* item_name, const char* key, std::size_t item_len,
                   Namer namer);

}  // namespace hl::wire
