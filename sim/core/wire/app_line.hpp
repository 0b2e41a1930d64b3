// Cleartext application-protocol steps (SMTP, IMAP, POP3, FTP, HTTP lines; LDAP messages)
// decoded into fields, dispatched on Step::protocol.
#pragma once

#include <span>
#include <vector>

#include "core/model/field.hpp"
#include "core/model/transcript.hpp"

namespace hl::wire {

/// Decodes one app-line step: text protocols split into lines of verb, arguments and line ending;
/// binary ones (ldap) through their own decoder. Every byte of step.bytes is covered.
std::vector<Field> decode_app_line(const Step& step);

/// Decodes text lines (one node per line: [tag,] verb, arguments, line ending). `tagged`: IMAP
/// client lines start with a tag.
std::vector<Field> decode_text_lines(std::span<const std::uint8_t> bytes, const std::string& protocol, bool tagged);

}  // namespace hl::wire
