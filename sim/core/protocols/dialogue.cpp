// make_dialogue(): a table from protocol name to the factory that builds its client and
// server peers. Each protocol lives in its own file (http.cpp, smtp.cpp, ...) and adds
// one declaration and one row here.
#include <algorithm>
#include <iterator>

#include "core/protocols/peer.hpp"

namespace hl {

// One factory per protocol file.
Dialogue make_http_dialogue(const PeerConfig& config);
Dialogue make_smtp_dialogue(const PeerConfig& config);
Dialogue make_imap_dialogue(const PeerConfig& config);
Dialogue make_pop3_dialogue(const PeerConfig& config);
Dialogue make_ftp_dialogue(const PeerConfig& config);
Dialogue make_ldap_dialogue(const PeerConfig& config);
Dialogue make_handshake_only_dialogue(const PeerConfig& config);

namespace {

using DialogueFactory = Dialogue (*)(const PeerConfig&);

struct DialogueRow {
  const char* protocol;
  DialogueFactory make;
};

constexpr DialogueRow kDialogues[] = {
    {"http", make_http_dialogue},
    {"smtp", make_smtp_dialogue},
    {"imap", make_imap_dialogue},
    {"pop3", make_pop3_dialogue},
    {"ftp", make_ftp_dialogue},
    {"ldap", make_ldap_dialogue},
    {"tls", make_handshake_only_dialogue},  // no application protocol: the audit's probes
};

}  // namespace

Dialogue make_dialogue(const PeerConfig& config) {
  auto row = std::find_if(std::begin(kDialogues), std::end(kDialogues),
                          [&](const DialogueRow& r) { return config.protocol == r.protocol; });
  if (row == std::end(kDialogues)) return {};
  return row->make(config);
}

}  // namespace hl
