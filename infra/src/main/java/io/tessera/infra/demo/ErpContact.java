package io.tessera.infra.demo;

import java.time.LocalDateTime;

/**
 * One generated {@code tabContact} row of the ERP (private customers only).
 *
 * @param name       Frappe name, {@code CONT-00001}…
 * @param firstName  first name
 * @param middleName middle name, or {@code null}
 * @param lastName   last name(s)
 * @param fullName   first, middle and last name joined
 * @param emailId    e-mail as typed, or {@code null}
 * @param phone      landline as typed, or {@code null}
 * @param mobileNo   mobile as typed, or {@code null}
 * @param salutation {@code Mr}, {@code Ms}… or {@code null}
 * @param gender     {@code Male}, {@code Female} or {@code null}
 * @param creation   {@code creation} (also {@code modified})
 */
public record ErpContact(
        String name,
        String firstName,
        String middleName,
        String lastName,
        String fullName,
        String emailId,
        String phone,
        String mobileNo,
        String salutation,
        String gender,
        LocalDateTime creation) {
}
