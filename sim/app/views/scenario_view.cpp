#include "app/views/scenario_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <span>

#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

struct Choice {
  const char* label;
  const char* value;
};

constexpr Choice kGroups[] = {
    {"X25519, P-256", "X25519:P-256"}, {"X25519", "X25519"}, {"P-256", "P-256"}, {"P-384", "P-384"},
    {"X448", "X448"}, {"ffdhe2048", "ffdhe2048"},
};

constexpr Choice kSuites13[] = {
    {"OpenSSL default", ""},
    {"TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"},
    {"TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"},
    {"TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"},
};

constexpr Choice kSuites12[] = {
    {"OpenSSL default", ""},
    {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-ECDSA-CHACHA20-POLY1305"},
    {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"},
    {"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"},
    {"AES128-SHA256 (RSA key exchange)", "AES128-SHA256"},
};

struct KeyChoice {
  const char* label;
  KeyType key;
};

constexpr KeyChoice kKeys[] = {
    {"ECDSA P-256", KeyType::ecdsa_p256}, {"RSA 2048", KeyType::rsa2048}, {"RSA 3072", KeyType::rsa3072},
    {"RSA 4096 (slow to generate)", KeyType::rsa4096}, {"Ed25519", KeyType::ed25519},
};

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

// A combo over text choices; a value not in the list shows as itself. Returns true on change.
bool text_combo(const char* id, std::span<const Choice> choices, std::string& value) {
  const Choice* current = nullptr;
  for (const auto& choice : choices) {
    if (value == choice.value) current = &choice;
  }
  bool changed = false;
  if (!ImGui::BeginCombo(id, current ? current->label : value.c_str())) return false;
  for (const auto& choice : choices) {
    if (ImGui::Selectable(choice.label, &choice == current) && &choice != current) {
      value = choice.value;
      changed = true;
    }
  }
  ImGui::EndCombo();
  return changed;
}

bool version_combo(Scenario& scenario) {
  int version = scenario.version == TlsVersion::tls13 ? 0 : 1;
  if (!ImGui::Combo("##version", &version, "TLS 1.3\0TLS 1.2\0")) return false;
  TlsVersion chosen = version == 0 ? TlsVersion::tls13 : TlsVersion::tls12;
  if (chosen == scenario.version) return false;
  scenario.version = chosen;
  scenario.ciphers.clear();  // suites of one version mean nothing to the other
  return true;
}

bool key_combo(Scenario& scenario) {
  const KeyChoice* current = &kKeys[0];
  for (const auto& choice : kKeys) {
    if (choice.key == scenario.cert.key) current = &choice;
  }
  bool changed = false;
  if (!ImGui::BeginCombo("##cert", current->label)) return false;
  for (const auto& choice : kKeys) {
    if (ImGui::Selectable(choice.label, &choice == current) && &choice != current) {
      scenario.cert.key = choice.key;
      changed = true;
    }
  }
  ImGui::EndCombo();
  return changed;
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
  row_label("Client offers", "The groups in the client's supported_groups. The first one also gets a key share.");
  changed |= text_combo("##groups", kGroups, scenario.groups);
  row_label("Server accepts", "The groups the server will use. If the client's key share is not among them, a "
                              "TLS 1.3 server answers with a HelloRetryRequest.");
  changed |= text_combo("##server-groups", kGroups, scenario.server_groups);
  row_label("Cipher suite", "What both sides allow. In TLS 1.2 an ECDSA suite needs an ECDSA certificate, an RSA "
                            "suite an RSA one: a mismatch makes the handshake fail.");
  if (scenario.version == TlsVersion::tls13) {
    changed |= text_combo("##suite", kSuites13, scenario.ciphers);
  } else {
    changed |= text_combo("##suite", kSuites12, scenario.ciphers);
  }
  row_label("Certificate key", "The server certificate's key. RSA 4096 takes a second or two to generate the "
                               "first time; the window keeps working meanwhile.");
  changed |= key_combo(scenario);
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
