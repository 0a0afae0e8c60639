// The printable certificate of a volunteer's service hours (志愿服务时长证明, issue 16 item 7):
// one A4 page in Chinese, drawn with cairo and Noto Sans CJK SC as the plaques are.
#pragma once

#include <string>

#include "core/result.h"
#include "domain/volunteers/volunteer_service.h"

namespace yz {

// `issued_on` and the period are printed as given ("2026年12月7日").
Result<std::string> RenderServiceCertificate(const ServiceSummary& summary,
                                             const std::string& period,
                                             const std::string& issued_on);

}  // namespace yz
