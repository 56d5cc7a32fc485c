package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 0 0 1 * *     | 毎月 1 日 00:00      | monthly on day 1 at 00:00",
        "0 30 2 * * *    | 毎日 02:30          | daily at 02:30",
        "0 0 8 * * MON   | 毎週月曜 08:00       | every Monday at 08:00",
        "0 0 8 ? * 0     | 毎週日曜 08:00       | every Sunday at 08:00",
        "0 0 8 * * 7     | 毎週日曜 08:00       | every Sunday at 08:00",
        "0 0 9 * * MON-FRI | 平日（月〜金）09:00 | weekdays (Mon–Fri) at 09:00",
        "0 15 * * * *    | 毎時 15 分          | hourly at minute 15",
        "0 0 23 L * *    | 毎月末日 23:00       | monthly on the last day at 23:00",
        "5 4 * * *       | 毎日 04:05          | daily at 04:05",
    })
    void commonSchedulesInWords(String cron, String ja, String en) {
        assertThat(CronText.describe(cron, "ja")).contains(ja);
        assertThat(CronText.describe(cron, "en")).contains(en);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*/10 * * * * *", "0 0 0 1,15 * *", "0 0 0 1 1 *", "0 0 25 * * *", "0 61 1 * * *", "0 0 1 * * MON,WED",
        "0 0 1 1 * MON", "garbage", "0 0 */2 * * *", "30 0 0 * * *",
    })
    void otherShapesAreLeftToTheRawExpression(String cron) {
        assertThat(CronText.describe(cron, "ja")).isEmpty();
        assertThat(CronText.describe(cron, "en")).isEmpty();
    }
}
