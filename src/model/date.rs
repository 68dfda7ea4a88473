//! Calendar dates as written in front matter (`2026-04-01`), shown in the Japanese era
//! (和暦) as the notice does: 令和8年4月1日.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || crate::t!("date-invalid-form", text = s);
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: u16 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(crate::t!("date-not-real", text = s));
        }
        Ok(Date { year, month, day })
    }

    /// `令和8年4月1日`; `令和元年5月1日` for the first year of an era.
    pub fn wareki(&self) -> String {
        let (era, start) = match (self.year, self.month, self.day) {
            (y, m, d) if (y, m, d) >= (2019, 5, 1) => ("令和", 2018),
            (y, m, d) if (y, m, d) >= (1989, 1, 8) => ("平成", 1988),
            (y, m, d) if (y, m, d) >= (1926, 12, 25) => ("昭和", 1925),
            _ => return format!("{}年{}月{}日", self.year, self.month, self.day),
        };
        let year = era_year(self.year - start);
        format!("{era}{year}年{}月{}日", self.month, self.day)
    }

    /// The fiscal year label used in titles, e.g. 令和8年度 for FY2026.
    pub fn fiscal_year_label(fiscal_year: u16) -> String {
        if fiscal_year >= 2019 {
            let n = era_year(fiscal_year - 2018);
            format!("令和{n}年度")
        } else {
            format!("{fiscal_year}年度")
        }
    }

    /// The day `days` after 1970-01-01 (the proleptic Gregorian calendar).
    pub fn from_unix_days(days: u64) -> Date {
        // Howard Hinnant's `civil_from_days`, with years counted from 1 March.
        let z = days + 719_468;
        let (era, day_of_era) = (z / 146_097, z % 146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * from_march + 2) / 5 + 1;
        let month = if from_march < 10 {
            from_march + 3
        } else {
            from_march - 9
        };
        let year = year_of_era + era * 400 + u64::from(month <= 2);
        Date {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: month as u8,
            day: day as u8,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The `n`th year of an era as written: `元` for the first.
fn era_year(n: u16) -> String {
    if n == 1 {
        "元".to_string()
    } else {
        n.to_string()
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_shows_reiwa_dates() {
        let d = Date::parse("2026-04-01").unwrap();
        assert_eq!(d.wareki(), "令和8年4月1日");
        assert_eq!(d.to_string(), "2026-04-01");
        assert_eq!(
            Date::parse("2019-05-01").unwrap().wareki(),
            "令和元年5月1日"
        );
        assert_eq!(
            Date::parse("2019-04-30").unwrap().wareki(),
            "平成31年4月30日"
        );
        assert_eq!(Date::fiscal_year_label(2026), "令和8年度");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2026-02-29").is_err());
        assert!(Date::parse("2028-02-29").is_ok());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("2026/04/01").is_err());
        assert!(Date::parse("26-4-1").is_err());
    }

    #[test]
    fn days_since_1970_are_calendar_dates() {
        let day = |days| Date::from_unix_days(days).to_string();
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(11_016), "2000-02-29");
        assert_eq!(day(11_017), "2000-03-01");
        assert_eq!(day(20_543), "2026-03-31");
        assert_eq!(day(20_544), "2026-04-01");
        assert_eq!(day(20_818), "2026-12-31");
        assert_eq!(day(20_819), "2027-01-01");
    }
}
