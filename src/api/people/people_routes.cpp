#include "api/people/people_routes.h"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/api_response.h"
#include "api/console/console_request.h"
#include "core/embedded.h"
#include "core/html.h"
#include "core/personal_data.h"
#include "domain/messages/message_templates.h"
#include "domain/people/consent.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedWebAssets();

namespace {

// Lax, not Strict: a person arriving from a link in an SMS is still signed in.
std::string PersonCookie(std::string_view token, bool secure, bool expire) {
  std::string c = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax", kPersonCookie, token);
  if (secure) c += "; Secure";
  c += expire ? "; Max-Age=0" : "; Max-Age=15552000";  // 180 days, the absolute timeout
  return c;
}

HttpResponse ExpireCookie(HttpResponse response, const HttpRequest& r, std::string_view url) {
  response.headers.emplace_back("Set-Cookie", PersonCookie("", BehindHttps(r, url), true));
  return response;
}

Result<int> ConsentVersion(const boost::json::object& body) {
  auto v = RequiredInteger(body, "consent_version");
  if (!v) return v.error();
  return static_cast<int>(*v);
}

boost::json::object PersonJson(const Person& p, const PersonRightsService& rights) {
  return {{"phone_masked", MaskPhone(p.phone)},
          {"created_at", rights.LocalText(p.created_at)},
          {"last_seen_at", rights.LocalText(p.last_seen_at)}};
}

boost::json::object PurposeJson(const PurposeText& t) {
  return {{"purpose", t.purpose},
          {"version", t.version},
          {"title", t.title},
          {"text", t.text},
          {"required", t.required}};
}

HttpResponse Purposes(const PersonRequest&) {
  boost::json::array out;
  for (const PurposeText& t : AllPurposeTexts()) {
    const auto current = CurrentPurposeText(t.purpose);
    if (current && current->version == t.version) out.emplace_back(PurposeJson(t));
  }
  return JsonReply(200, boost::json::object{{"purposes", std::move(out)}});
}

HttpResponse RequestCode(const PeopleRouteContext& c, const PersonRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto phone = RequiredString(*body, "phone");
  if (!phone) return ErrorReply(phone.error());
  auto version = ConsentVersion(*body);
  if (!version) return ErrorReply(version.error());
  auto sent = c.sign_in.RequestCode(*phone, *version, r.http.remote_address);
  if (!sent) return ErrorReply(sent.error());
  return JsonReply(200, boost::json::object{{"sent", true},
                                            {"expires_in_s", sent->expires_in.count()},
                                            {"resend_after_s", sent->resend_after.count()}});
}

HttpResponse SignIn(const PeopleRouteContext& c, const PersonRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto phone = RequiredString(*body, "phone");
  if (!phone) return ErrorReply(phone.error());
  auto code = RequiredString(*body, "code");
  if (!code) return ErrorReply(code.error());
  auto version = ConsentVersion(*body);
  if (!version) return ErrorReply(version.error());
  auto done = c.sign_in.SignIn(*phone, *code, *version, r.http.remote_address,
                               CookieValue(r.http, kPersonCookie));
  if (!done) return ErrorReply(done.error());
  HttpResponse response =
      JsonReply(200, boost::json::object{{"person", PersonJson(done->person, c.rights)},
                                         {"new_person", done->new_person}});
  response.headers.emplace_back(
      "Set-Cookie", PersonCookie(done->session_token, BehindHttps(r.http, c.public_url), false));
  return response;
}

// The person's page: who, which purposes they agreed to, and their notices.
HttpResponse Me(const PeopleRouteContext& c, const PersonRequest& r) {
  auto summary = c.rights.Summary(*r.person);
  if (!summary) return ErrorReply(summary.error());
  boost::json::array consents, notices;
  for (const ConsentStatus& s : summary->consents) {
    boost::json::object o = PurposeJson(s.text);
    o["given"] = s.given;
    o["given_at"] = s.given_at ? boost::json::value(c.rights.LocalText(*s.given_at)) : nullptr;
    consents.emplace_back(std::move(o));
  }
  for (const Message& m : summary->notices) {
    notices.emplace_back(
        boost::json::object{{"text", m.text}, {"at", c.rights.LocalText(m.created_at)}});
  }
  return JsonReply(200, boost::json::object{{"person", PersonJson(r.person->person, c.rights)},
                                            {"consents", std::move(consents)},
                                            {"notices", std::move(notices)}});
}

HttpResponse SignOut(const PeopleRouteContext& c, const PersonRequest& r) {
  if (auto done = c.sign_in.SignOut(CookieValue(r.http, kPersonCookie)); !done) {
    return ErrorReply(done.error());
  }
  return ExpireCookie(JsonReply(200, boost::json::object{{"signed_out", true}}), r.http,
                      c.public_url);
}

boost::json::object DownloadJson(const PersonDownload& d, const PersonRightsService& rights) {
  boost::json::array sections;
  for (const PersonDataSection& s : d.sections) {
    boost::json::array items;
    boost::json::object labels;
    for (const auto& item : s.items) {
      boost::json::object o;
      for (const PersonDataField& f : item) {
        o[f.key] = f.value;
        labels[f.key] = f.label;
      }
      items.emplace_back(std::move(o));
    }
    sections.emplace_back(boost::json::object{{"area", s.area},
                                              {"title", s.title},
                                              {"labels", std::move(labels)},
                                              {"items", std::move(items)}});
  }
  return {{"generated_at", rights.LocalText(d.generated_at)},
          {"time_zone_note", "时间为本市当地时间"},
          {"sections", std::move(sections)}};
}

HttpResponse DataJson(const PeopleRouteContext& c, const PersonRequest& r) {
  auto d = c.rights.Download(*r.person, r.http.remote_address);
  if (!d) return ErrorReply(d.error());
  HttpResponse response = JsonReply(200, DownloadJson(*d, c.rights));
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"yizhan-my-data.json\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

// The same, as a page a person reads (and prints): server-rendered, so it works without scripts.
HttpResponse DataPage(const PeopleRouteContext& c, const PersonRequest& r) {
  auto d = c.rights.Download(*r.person, r.http.remote_address);
  if (!d) return ErrorReply(d.error());
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>我的信息 · 职工驿站</title><link "
      "rel=\"icon\" href=\"data:,\">"
      "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body class=\"me-data\"><main>"
      "<h1>我们保存的关于您的信息</h1>";
  html += fmt::format("<p class=\"muted\">生成时间：{}（本市当地时间）</p>",
                      EscapeHtml(c.rights.LocalText(d->generated_at)));
  for (const PersonDataSection& s : d->sections) {
    html += fmt::format("<section><h2>{}</h2>", EscapeHtml(s.title));
    if (s.items.empty()) html += "<p class=\"muted\">无</p>";
    for (const auto& item : s.items) {
      html += "<dl>";
      for (const PersonDataField& f : item) {
        html += fmt::format("<dt>{}</dt><dd>{}</dd>", EscapeHtml(f.label),
                            f.value.empty() ? "—" : EscapeHtml(f.value));
      }
      html += "</dl>";
    }
    html += "</section>";
  }
  html +=
      "<p><a class=\"button\" href=\"/api/v1/me/data\">下载（JSON 文件）</a> "
      "<a href=\"/me\">返回</a></p></main></body></html>";
  HttpResponse response;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(html);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse GiveConsent(const PeopleRouteContext& c, const PersonRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto version = RequiredInteger(*body, "version");
  if (!version) return ErrorReply(version.error());
  if (auto done = c.rights.Give(*r.person, r.Param("purpose"), static_cast<int>(*version),
                                r.http.remote_address);
      !done) {
    return ErrorReply(done.error());
  }
  return JsonReply(200, boost::json::object{{"given", true}});
}

HttpResponse WithdrawConsent(const PeopleRouteContext& c, const PersonRequest& r) {
  auto erased = c.rights.Withdraw(*r.person, r.Param("purpose"), r.http.remote_address);
  if (!erased) return ErrorReply(erased.error());
  HttpResponse response =
      JsonReply(200, boost::json::object{{"withdrawn", true}, {"erased", *erased}});
  return *erased ? ExpireCookie(std::move(response), r.http, c.public_url) : response;
}

HttpResponse Erase(const PeopleRouteContext& c, const PersonRequest& r) {
  if (auto done = c.rights.Erase(*r.person, r.http.remote_address); !done) {
    return ErrorReply(done.error());
  }
  return ExpireCookie(JsonReply(200, boost::json::object{{"erased", true}}), r.http, c.public_url);
}

HttpResponse MePage(const PersonRequest&) {
  const auto content = FindEmbedded(EmbeddedWebAssets(), "pages/me.html");
  if (!content) return ErrorReply(Error::NotFound("没有这个页面 / no such page"));
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::string(*content);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddPeopleRoutes(PersonRoutes& routes, const PeopleRouteContext& c) {
  using Handler = HttpResponse (*)(const PeopleRouteContext&, const PersonRequest&);
  const auto bind = [&c](Handler h) {
    return PersonHandler([&c, h](const PersonRequest& r) { return h(c, r); });
  };
  // clang-format off
  routes.Add("GET",    "/me",                              kPublicRoute, MePage);
  routes.Add("GET",    "/api/v1/people/purposes",          kPublicRoute, Purposes);
  routes.Add("POST",   "/api/v1/people/sign-in/code",      kPublicRoute, bind(RequestCode));
  routes.Add("POST",   "/api/v1/people/sign-in",           kPublicRoute, bind(SignIn));
  routes.Add("GET",    "/api/v1/me",                       kPersonRoute, bind(Me));
  routes.Add("POST",   "/api/v1/me/sign-out",              kPersonRoute, bind(SignOut));
  routes.Add("GET",    "/api/v1/me/data",                  kPersonRoute, bind(DataJson));
  routes.Add("GET",    "/me/data",                         kPersonRoute, bind(DataPage));
  routes.Add("PUT",    "/api/v1/me/consents/{purpose}",    kPersonRoute, bind(GiveConsent));
  routes.Add("DELETE", "/api/v1/me/consents/{purpose}",    kPersonRoute, bind(WithdrawConsent));
  routes.Add("DELETE", "/api/v1/me",                       kPersonRoute, bind(Erase));
  // clang-format on
}

}  // namespace yz
