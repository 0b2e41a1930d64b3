// Short step titles for application units a real peer sent, in the spirit of the lab's own
// ("EHLO", "250 (reply)", "GET /"): the command's verb, never its arguments, so a password
// typed into a real client never lands in a title.
#pragma once

#include <span>
#include <string>

#include "core/model/transcript.hpp"

namespace hl::live {

/// The title of one unit of `protocol` sent by `sender`: a client's command verb (IMAP: after the tag),
/// a server's reply code or status, an HTTP request's method and path, an LDAP operation's name.
std::string unit_title(const std::string& protocol, Side sender, std::span<const std::uint8_t> unit);

}  // namespace hl::live
