//! Sending a simulation to a running server, and describing it to a person.

use super::*;

/// Posts a simulation to a running server: provisions each vehicle and
/// charger with the backend token, then sends the messages in batches.
pub async fn post(
    sim: &Simulation,
    base_url: &str,
    telematics_token: &str,
    batch: usize,
) -> anyhow::Result<usize> {
    let client = reqwest::Client::new();
    let api = format!("{}/api", base_url.trim_end_matches('/'));
    let mut sent = 0;
    for v in &sim.vehicles {
        let resp = client
            .put(format!("{api}{}", routes::telematics_vehicle(&v.spec.vin)))
            .bearer_auth(telematics_token)
            .json(&v.spec.registration())
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "provisioning {} failed: {} {}",
            v.spec.vin,
            resp.status(),
            resp.text().await.unwrap_or_default()
        );
        for chunk in v.messages.chunks(batch.max(1)) {
            let resp = client
                .post(format!("{api}{}", routes::ingest_messages(&v.spec.vin)))
                .bearer_auth(&v.spec.ingest_key)
                .json(&IngestRequest {
                    messages: chunk.to_vec(),
                })
                .send()
                .await?;
            anyhow::ensure!(
                resp.status().is_success(),
                "ingest for {} failed: {} {}",
                v.spec.vin,
                resp.status(),
                resp.text().await.unwrap_or_default()
            );
            sent += chunk.len();
        }
    }
    for c in &sim.chargers {
        let resp = client
            .put(format!("{api}{}", routes::telematics_charger(&c.serial)))
            .bearer_auth(telematics_token)
            .json(&ChargerRegistration {
                model: c.model.into(),
                pin: c.pin.clone(),
            })
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "charger {}: {}",
            c.serial,
            resp.status()
        );
        let resp = client
            .post(format!(
                "{api}{}",
                routes::telematics_charger_status(&c.serial)
            ))
            .bearer_auth(telematics_token)
            .json(&c.report)
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "charger status {}: {}",
            c.serial,
            resp.status()
        );
    }
    Ok(sent)
}

/// What a person needs to add the simulated vehicles and chargers.
pub fn describe(sim: &Simulation) -> String {
    let mut out = String::new();
    for v in &sim.vehicles {
        let odometer = v
            .messages
            .iter()
            .rev()
            .find_map(|m| m.status.as_ref().and_then(|s| s.odometer_km))
            .unwrap_or(v.spec.start_odometer_km);
        out.push_str(&format!(
            "vehicle {} {} ({}) plate {} activation code {} odometer {:.0} km, {} messages\n",
            v.spec.vin,
            v.spec.model,
            v.spec.powertrain.code(),
            v.spec.licence_plate,
            v.spec.activation_code,
            odometer,
            v.messages.len()
        ));
    }
    for c in &sim.chargers {
        out.push_str(&format!(
            "charger {} ({}) PIN {}\n",
            c.serial, c.model, c.pin
        ));
    }
    out
}
