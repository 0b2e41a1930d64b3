#include "app/views/scenario_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

// A labelled row: the label in the first column, the control filling the second.
void row_label(const char* label, const char* help) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ui::help_marker(help);
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-1);
}

// A combo over a key's choices (the core's list for it); a value not in the list shows as
// itself. Sets the key through set_scenario_field(). Returns true on change.
bool choice_combo(const char* id, const char* key, Scenario& scenario) {
  const std::string value = scenario_value(scenario, key);
  const auto choices = scenario_choices(key, scenario.version);
  const ScenarioChoice* current = nullptr;
  for (const auto& choice : choices) {
    if (value == choice.value) current = &choice;
  }
  if (!ImGui::BeginCombo(id, current ? current->label : value.c_str())) return false;
  bool changed = false;
  for (const auto& choice : choices) {
    if (ImGui::Selectable(choice.label, &choice == current) && &choice != current)
      changed = set_scenario_field(scenario, key, choice.value).empty();
  }
  ImGui::EndCombo();
  return changed;
}

bool version_combo(Scenario& scenario) {
  const TlsVersion before = scenario.version;
  if (!choice_combo("##version", "version", scenario) || scenario.version == before) return false;
  scenario.ciphers.clear();  // suites of one version mean nothing to the other
  return true;
}

bool seed_controls(Scenario& scenario) {
  bool seeded = scenario.seed.has_value();
  bool changed = false;
  if (ImGui::Checkbox("##seeded", &seeded)) {
    scenario.seed = seeded ? std::optional<std::uint64_t>(1) : std::nullopt;
    changed = true;
  }
  ImGui::SameLine();
  if (!scenario.seed) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("off (random each run)");
    return changed;
  }
  ImGui::SetNextItemWidth(-1);
  std::uint64_t value = *scenario.seed;
  const std::uint64_t step = 1;
  if (ImGui::InputScalar("##seed", ImGuiDataType_U64, &value, &step, nullptr, "%llu",
                         ImGuiInputTextFlags_EnterReturnsTrue) ||
      (ImGui::IsItemDeactivatedAfterEdit())) {
    changed = changed || value != *scenario.seed;
    scenario.seed = value;
  }
  return changed;
}

// The scenario keys offered as a combo of the core's choices, in the order the panel shows them.
struct ChoiceRow {
  const char* label;
  const char* help;
  const char* id;   // ImGui id of the combo
  const char* key;  // the scenario key, as --set spells it
};
constexpr ChoiceRow kChoiceRows[] = {
    {"Client offers", "The groups in the client's supported_groups. The first one also gets a key share.", "##groups",
     "groups"},
    {"Server accepts",
     "The groups the server will use. If the client's key share is not among them, a TLS 1.3 server answers with a "
     "HelloRetryRequest.",
     "##server-groups", "server-groups"},
    {"Cipher suite",
     "What both sides allow. In TLS 1.2 an ECDSA suite needs an ECDSA certificate, an RSA suite an RSA one: a mismatch "
     "makes the handshake fail.",
     "##suite", "ciphers"},
    {"Certificate key",
     "The server certificate's key, which signs its CertificateVerify (or TLS 1.2 ServerKeyExchange). ECDSA P-256 "
     "is today's usual choice; ECDSA P-384 is a larger curve (in TLS 1.2 the client must offer P-384 among its "
     "groups to accept it). Ed25519 and Ed448 are Edwards-curve keys (EdDSA): deterministic signatures, Ed448 the "
     "stronger and larger. RSA keys sign with PSS in TLS 1.3 (rsa_pss_rsae_*); RSA-PSS is an RSA key restricted to "
     "PSS signatures, so it signs only with rsa_pss_pss_*. RSA 4096 takes a second or two to generate the first "
     "time; the window keeps working meanwhile.",
     "##cert", "cert"},
    {"Certificate fault",
     "Break the server's certificate on purpose: the client's chain check stops the handshake with OpenSSL's verify "
     "error and alert (lesson cert-failures).",
     "##cert-fault", "cert-fault"},
    {"Certificate days",
     "How long the leaf certificate is valid. Publicly trusted TLS certificates issued from 2026-03-15 may last at "
     "most 200 days (398 before; lesson audit).",
     "##cert-days", "cert-days"},
    {"OCSP staple",
     "What the CA's OCSP response, stapled by the server, says about its certificate. The client asks for it "
     "(status_request) and refuses all but a current 'good' with bad_certificate_status_response (RFC 6066 §8; "
     "lessons ocsp-stapling and audit).",
     "##ocsp", "ocsp"},
    {"Server versions",
     "The TLS versions the server allows, beyond the pinned version: 1.0-1.3 lets an old client in (lesson audit).",
     "##server-versions", "server-versions"},
    {"Client certificate",
     "Mutual TLS: the server asks the client for a certificate (CertificateRequest). on: the client sends one from "
     "the lab's CA; required-missing: it has none and the server refuses it; post-handshake (TLS 1.3): the server "
     "asks after the handshake (lesson mtls).",
     "##client-cert", "client-cert"},
    {"HSTS",
     "HTTP: whether the HTTPS page carries Strict-Transport-Security (RFC 6797).", "##hsts", "hsts"},
    {"Port 80",
     "HTTP: on, port 80 answers with a 301 to https://; off, it serves the page in the clear.", "##redirect",
     "redirect"},
    {"Attack",
     "Mallory in the middle: flip one bit of the first application data record, or remove the offer of TLS 1.3 from "
     "the ClientHello (lesson tampering); strip STARTTLS or inject a command behind it (lesson starttls-stripping); "
     "decrypt the recording with the server's key stolen later (lesson forward-secrecy); answer the client with her "
     "own certificate and relay both ways, caught by the client's check unless the user clicks through (lesson mitm).",
     "##attack", "attack"},
    {"Client policy",
     "STARTTLS ports: what the client does when the upgrade is missing or refused. Opportunistic goes on in the "
     "clear; require-tls quits and says why. The default follows the protocol's usual client.",
     "##client-policy", "client-policy"},
    {"Server bug",
     "keep-buffer: the server keeps plaintext that arrived with STARTTLS and runs it inside TLS (CVE-2011-0411).",
     "##server-bug", "server-bug"},
};

}  // namespace

void ScenarioView::drawContent(ViewContext& context) {
  Scenario& scenario = context.scenario;
  bool changed = false;
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##scenario", 2, flags)) return;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8.5f);
  ImGui::TableSetupColumn("control", ImGuiTableColumnFlags_WidthStretch);

  row_label("TLS version", "Both sides are pinned to this version.");
  changed |= version_combo(scenario);
  for (const ChoiceRow& row : kChoiceRows) {
    row_label(row.label, row.help);
    changed |= choice_combo(row.id, row.key, scenario);
  }
  row_label("Verify name", "The host name the client checks the certificate against. Try a name that is not in "
                           "the certificate to see verification fail.");
  if (!editing_verify_name_) verify_name_edit_ = scenario.verify_name;
  ImGui::InputText("##verify-name", &verify_name_edit_);
  editing_verify_name_ = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivatedAfterEdit() && verify_name_edit_ != scenario.verify_name) {
    scenario.verify_name = verify_name_edit_;
    changed = true;
  }
  row_label("Seed", "With a seed every run is byte-identical, so a whole class sees the same bytes.");
  changed |= seed_controls(scenario);
  ImGui::EndTable();

  if (changed) context.scenario_changed = true;
}

}  // namespace hl::app
