// Internals of the eavesdropper's view, one file per kind of step it reads.
#pragma once

#include <vector>

#include "core/export/eavesdropper.hpp"

namespace hl::eavesdrop {

/// The exposure a client's Certificate message sent in the clear (TLS 1.2) gives away.
inline constexpr const char* kClientCertificateSeen = "client certificate (unencrypted)";

/// Appends what a cleartext application unit gives away (credentials, cookies, mail).
void expose_app_unit(const Step& step, std::vector<Exposure>& out);

/// Fills the record header, summary and exposures of a TLS record step from its bytes and
/// the decoder's tree of them (fields; empty for an encrypted record).
void read_record(const Step& step, const std::vector<Field>& fields, SeenStep& out_seen);

/// The readable text of bytes: printable ASCII (and CR/LF when keep_line_breaks) kept, anything else as '.'.
std::string printable_text(const Bytes& bytes, bool keep_line_breaks);

}  // namespace hl::eavesdrop
