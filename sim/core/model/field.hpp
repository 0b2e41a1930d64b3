// A decoded field: a node of the tree the decoder builds over a step's bytes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace hl {

/// One decoded field. offset/length index the bytes it was decoded from
/// (a step's wire bytes, or its plaintext for inner fields).
struct Field {
  std::string name;         // "legacy_version", "cipher_suites", "Extension: server_name"
  std::string value;        // display value: "0x0303 (TLS 1.2)"
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string explain;      // explanation key; hl::wire::explain() turns it into text
  bool malformed = false;   // the bytes did not match what the RFC allows here
  std::string error;        // for malformed fields: what was expected and where it broke
  std::vector<Field> children;
};

}  // namespace hl
