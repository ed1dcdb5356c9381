-- ERPNext 14/15 tables as Frappe creates them on MariaDB (../shared/crm-erp-schemas.md section 2: frappe/erpnext
-- customer.json @ 003ddffd, frappe/frappe contact.json @ 037836f6 and address.json @ 0ad615e8, lead.json of the
-- v14/15 layout, frappe/frappe dynamic_link.json @ 00e55769): Data/Link/Select/Phone varchar(140), Check int(1),
-- Text text, Currency decimal(21,9), Date date, and Frappe's standard columns on every table.
CREATE TABLE `tabCustomer` (
  `name` varchar(140) NOT NULL PRIMARY KEY, `creation` datetime(6), `modified` datetime(6),
  `modified_by` varchar(140), `owner` varchar(140), `docstatus` int(1) NOT NULL DEFAULT 0, `idx` int(8) NOT NULL DEFAULT 0,
  `naming_series` varchar(140), `salutation` varchar(140), `customer_name` varchar(140),
  `customer_type` varchar(140) DEFAULT 'Company', `customer_group` varchar(140), `territory` varchar(140),
  `gender` varchar(140), `lead_name` varchar(140), `opportunity_name` varchar(140), `account_manager` varchar(140),
  `image` text, `default_price_list` varchar(140), `default_bank_account` varchar(140), `default_currency` varchar(140),
  `is_internal_customer` int(1) NOT NULL DEFAULT 0, `represents_company` varchar(140), `market_segment` varchar(140),
  `industry` varchar(140), `customer_pos_id` varchar(140), `website` varchar(140), `language` varchar(140),
  `customer_details` text, `customer_primary_contact` varchar(140), `mobile_no` varchar(140), `email_id` varchar(140),
  `customer_primary_address` varchar(140), `primary_address` text, `tax_id` varchar(140), `tax_category` varchar(140),
  `tax_withholding_category` varchar(140), `bank_account_no` varchar(140), `iban` varchar(140),
  `payment_terms` varchar(140), `loyalty_program` varchar(140), `loyalty_program_tier` varchar(140),
  `default_sales_partner` varchar(140), `default_commission_rate` decimal(21,9) NOT NULL DEFAULT 0,
  `so_required` int(1) NOT NULL DEFAULT 0, `dn_required` int(1) NOT NULL DEFAULT 0,
  `is_frozen` int(1) NOT NULL DEFAULT 0, `disabled` int(1) NOT NULL DEFAULT 0,
  `_user_tags` text, `_comments` text, `_assign` text, `_liked_by` text,
  UNIQUE KEY `represents_company` (`represents_company`), KEY `customer_name` (`customer_name`),
  KEY `customer_group` (`customer_group`), KEY `modified` (`modified`)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `tabContact` (
  `name` varchar(140) NOT NULL PRIMARY KEY, `creation` datetime(6), `modified` datetime(6),
  `modified_by` varchar(140), `owner` varchar(140), `docstatus` int(1) NOT NULL DEFAULT 0, `idx` int(8) NOT NULL DEFAULT 0,
  `first_name` varchar(140), `middle_name` varchar(140), `last_name` varchar(140), `full_name` varchar(140),
  `email_id` varchar(140), `user` varchar(140), `address` varchar(140),
  `sync_with_google_contacts` int(1) NOT NULL DEFAULT 0, `status` varchar(140) DEFAULT 'Passive',
  `salutation` varchar(140), `designation` varchar(140), `gender` varchar(140), `phone` varchar(140),
  `mobile_no` varchar(140), `company_name` varchar(140), `image` text, `google_contacts` varchar(140),
  `google_contacts_id` varchar(140), `pulled_from_google_contacts` int(1) NOT NULL DEFAULT 0,
  `is_primary_contact` int(1) NOT NULL DEFAULT 0, `department` varchar(140), `unsubscribed` int(1) NOT NULL DEFAULT 0,
  `_user_tags` text, `_comments` text, `_assign` text, `_liked_by` text,
  KEY `email_id` (`email_id`), KEY `modified` (`modified`)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `tabAddress` (
  `name` varchar(140) NOT NULL PRIMARY KEY, `creation` datetime(6), `modified` datetime(6),
  `modified_by` varchar(140), `owner` varchar(140), `docstatus` int(1) NOT NULL DEFAULT 0, `idx` int(8) NOT NULL DEFAULT 0,
  `address_title` varchar(140), `address_type` varchar(140), `address_line1` varchar(240), `address_line2` varchar(240),
  `city` varchar(140), `county` varchar(140), `state` varchar(140), `country` varchar(140), `pincode` varchar(140),
  `email_id` varchar(140), `phone` varchar(140), `fax` varchar(140),
  `is_primary_address` int(1) NOT NULL DEFAULT 0, `is_shipping_address` int(1) NOT NULL DEFAULT 0,
  `disabled` int(1) NOT NULL DEFAULT 0,
  `_user_tags` text, `_comments` text, `_assign` text, `_liked_by` text,
  KEY `city` (`city`), KEY `country` (`country`), KEY `pincode` (`pincode`), KEY `modified` (`modified`)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `tabLead` (
  `name` varchar(140) NOT NULL PRIMARY KEY, `creation` datetime(6), `modified` datetime(6),
  `modified_by` varchar(140), `owner` varchar(140), `docstatus` int(1) NOT NULL DEFAULT 0, `idx` int(8) NOT NULL DEFAULT 0,
  `naming_series` varchar(140), `salutation` varchar(140), `first_name` varchar(140), `middle_name` varchar(140),
  `last_name` varchar(140), `lead_name` varchar(140), `job_title` varchar(140), `gender` varchar(140),
  `source` varchar(140), `lead_owner` varchar(140), `status` varchar(140) DEFAULT 'Lead', `customer` varchar(140),
  `type` varchar(140), `request_type` varchar(140), `email_id` varchar(140), `website` varchar(140),
  `mobile_no` varchar(140), `whatsapp_no` varchar(140), `phone` varchar(140), `phone_ext` varchar(140),
  `company_name` varchar(140), `no_of_employees` varchar(140), `annual_revenue` decimal(21,9) NOT NULL DEFAULT 0,
  `industry` varchar(140), `market_segment` varchar(140), `territory` varchar(140), `fax` varchar(140),
  `city` varchar(140), `state` varchar(140), `country` varchar(140), `qualification_status` varchar(140),
  `qualified_by` varchar(140), `qualified_on` date, `campaign_name` varchar(140), `company` varchar(140),
  `language` varchar(140), `image` text, `title` varchar(140), `disabled` int(1) NOT NULL DEFAULT 0,
  `unsubscribed` int(1) NOT NULL DEFAULT 0, `blog_subscriber` int(1) NOT NULL DEFAULT 0,
  `_user_tags` text, `_comments` text, `_assign` text, `_liked_by` text,
  KEY `lead_name` (`lead_name`), KEY `lead_owner` (`lead_owner`), KEY `status` (`status`), KEY `email_id` (`email_id`),
  KEY `modified` (`modified`)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The Links child table of Contact and Address (frappe/frappe dynamic_link.json): parent/parenttype the contact or
-- address, link_doctype/link_name the customer, lead or supplier it is linked to.
CREATE TABLE `tabDynamic Link` (
  `name` varchar(140) NOT NULL PRIMARY KEY, `creation` datetime(6), `modified` datetime(6),
  `modified_by` varchar(140), `owner` varchar(140), `docstatus` int(1) NOT NULL DEFAULT 0, `idx` int(8) NOT NULL DEFAULT 0,
  `parent` varchar(140), `parentfield` varchar(140), `parenttype` varchar(140),
  `link_doctype` varchar(140), `link_name` varchar(140), `link_title` varchar(140),
  KEY `parent` (`parent`), KEY `link_doctype_link_name_index` (`link_doctype`, `link_name`), KEY `modified` (`modified`)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
