package io.tessera.infra.demo;

import java.time.LocalDateTime;

/**
 * One generated {@code tabAddress} row of the ERP.
 *
 * @param name         Frappe name, {@code <title>-Billing} (with {@code -1}, {@code -2}… when taken)
 * @param addressTitle the customer name the address was created for
 * @param addressType  {@code Billing}
 * @param line1        first address line
 * @param line2        second address line, or {@code null}
 * @param city         city
 * @param country      the country's English name
 * @param pincode      postcode
 * @param emailId      e-mail, or {@code null}
 * @param phone        phone, or {@code null}
 * @param creation     {@code creation} (also {@code modified})
 */
public record ErpAddress(
        String name,
        String addressTitle,
        String addressType,
        String line1,
        String line2,
        String city,
        String country,
        String pincode,
        String emailId,
        String phone,
        LocalDateTime creation) {
}
